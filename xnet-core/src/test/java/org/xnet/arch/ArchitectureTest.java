package org.xnet.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package dependency rules of DESIGN.md: imports point one way, only model/train/infer/export (and the
 * front ends) see DJL,
 * and only the CLI draws progress bars and parses command lines.
 */
@AnalyzeClasses(packages = "org.xnet", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreImportsOnlyJdk = noClasses().that().resideInAPackage("org.xnet.core..")
            .should().dependOnClassesThat().resideOutsideOfPackages("org.xnet.core..", "java..");

    @ArchTest
    static final ArchRule pureJavaPackagesNeverSeeDjl = noClasses()
            .that().resideInAnyPackage("org.xnet.core..", "org.xnet.io..", "org.xnet.augment..",
                    "org.xnet.eval..", "org.xnet.report..", "org.xnet.synth..")
            .should().dependOnClassesThat().resideInAPackage("ai.djl..");

    @ArchTest
    static final ArchRule nothingImportsCli = noClasses().that().resideOutsideOfPackage("org.xnet.cli..")
            .should().dependOnClassesThat().resideInAPackage("org.xnet.cli..");

    @ArchTest
    static final ArchRule ioSeesOnlyCore = noClasses().that().resideInAPackage("org.xnet.io..")
            .should().dependOnClassesThat().resideInAnyPackage("org.xnet.augment..", "org.xnet.eval..",
                    "org.xnet.model..", "org.xnet.train..", "org.xnet.infer..", "org.xnet.report..",
                    "org.xnet.synth..");

    @ArchTest
    static final ArchRule augmentSeesOnlyCore = noClasses().that().resideInAPackage("org.xnet.augment..")
            .should().dependOnClassesThat().resideInAnyPackage("org.xnet.io..", "org.xnet.eval..",
                    "org.xnet.model..", "org.xnet.train..", "org.xnet.infer..", "org.xnet.report..",
                    "org.xnet.synth..");

    @ArchTest
    static final ArchRule evalSeesOnlyCore = noClasses().that().resideInAPackage("org.xnet.eval..")
            .should().dependOnClassesThat().resideInAnyPackage("org.xnet.io..", "org.xnet.augment..",
                    "org.xnet.model..", "org.xnet.train..", "org.xnet.infer..", "org.xnet.report..",
                    "org.xnet.synth..");

    @ArchTest
    static final ArchRule modelSeesOnlyCore = noClasses().that().resideInAPackage("org.xnet.model..")
            .should().dependOnClassesThat().resideInAnyPackage("org.xnet.io..", "org.xnet.augment..",
                    "org.xnet.eval..", "org.xnet.train..", "org.xnet.infer..", "org.xnet.report..",
                    "org.xnet.synth..");

    @ArchTest
    static final ArchRule reportSeesCoreAndEval = noClasses().that().resideInAPackage("org.xnet.report..")
            .should().dependOnClassesThat().resideInAnyPackage("org.xnet.io..", "org.xnet.augment..",
                    "org.xnet.model..", "org.xnet.train..", "org.xnet.infer..", "org.xnet.synth..");

    @ArchTest
    static final ArchRule synthSeesCoreAndIo = noClasses().that().resideInAPackage("org.xnet.synth..")
            .should().dependOnClassesThat().resideInAnyPackage("org.xnet.augment..", "org.xnet.eval..",
                    "org.xnet.model..", "org.xnet.train..", "org.xnet.infer..", "org.xnet.report..");

    @ArchTest
    static final ArchRule trainDoesNotSeeInferOrReport = noClasses().that().resideInAPackage("org.xnet.train..")
            .should().dependOnClassesThat().resideInAnyPackage("org.xnet.infer..", "org.xnet.report..",
                    "org.xnet.synth..");

    @ArchTest
    static final ArchRule inferDoesNotSeeTrainOrReport = noClasses().that().resideInAPackage("org.xnet.infer..")
            .should().dependOnClassesThat().resideInAnyPackage("org.xnet.train..", "org.xnet.augment..",
                    "org.xnet.report..", "org.xnet.synth..");

    /** The exporters read a network and write files: core and model only. */
    @ArchTest
    static final ArchRule exportSeesCoreAndModel = noClasses().that().resideInAPackage("org.xnet.export..")
            .should().dependOnClassesThat().resideInAnyPackage("org.xnet.io..", "org.xnet.augment..",
                    "org.xnet.eval..", "org.xnet.train..", "org.xnet.infer..", "org.xnet.report..",
                    "org.xnet.synth..", "org.xnet.bench..");

    @ArchTest
    static final ArchRule onlyCliRunsPipelines = noClasses()
            .that().resideOutsideOfPackages("org.xnet.cli..", "org.xnet.pipeline..")
            .should().dependOnClassesThat().resideInAPackage("org.xnet.pipeline..");

    /** Progress bars and command-line parsing are the CLI's: the library reports through core.Progress and listeners. */
    @ArchTest
    static final ArchRule onlyCliDrawsProgressBarsOrParsesCommandLines = noClasses()
            .that().resideOutsideOfPackage("org.xnet.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("me.tongfei.progressbar..", "picocli..");

    /** The speed benchmarks measure the stages; only the front ends and the pipelines run them. */
    @ArchTest
    static final ArchRule onlyFrontEndsRunBenchmarks = noClasses()
            .that().resideOutsideOfPackages("org.xnet.cli..", "org.xnet.pipeline..", "org.xnet.bench..")
            .should().dependOnClassesThat().resideInAPackage("org.xnet.bench..");

    @ArchTest
    static final ArchRule benchmarksDoNotRunPipelines = noClasses().that().resideInAPackage("org.xnet.bench..")
            .should().dependOnClassesThat().resideInAnyPackage("org.xnet.pipeline..", "org.xnet.report..",
                    "org.xnet.synth..");
}
