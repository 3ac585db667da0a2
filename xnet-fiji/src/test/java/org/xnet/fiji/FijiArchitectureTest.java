package org.xnet.fiji;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Fiji command is a front end of the library: it sees the value types, the segmenter and the
 * model file, ImageJ and SciJava, and nothing else of xnet (not the command line, training or the
 * pipelines) nor DJL itself. Only this module's classes are read (from {@code target/classes}; the
 * tests run in the module folder), not the whole class path.
 */
class FijiArchitectureTest {
    private static final ArchRule FIJI_SEES_THE_LIBRARY_IMAGEJ_AND_SCIJAVA_ONLY = classes()
            .that().resideInAPackage("org.xnet.fiji..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("org.xnet.fiji..", "org.xnet.core..",
                    "org.xnet.infer..", "org.xnet.model..", "ij..", "org.scijava..", "java..");

    @Test
    void fijiSeesTheLibraryImageJAndSciJavaOnly() {
        JavaClasses fiji = new ClassFileImporter().importPath(Path.of("target", "classes"));
        assertThat(fiji.contain(XNetCommand.class)).isTrue();
        FIJI_SEES_THE_LIBRARY_IMAGEJ_AND_SCIJAVA_ONLY.check(fiji);
    }
}
