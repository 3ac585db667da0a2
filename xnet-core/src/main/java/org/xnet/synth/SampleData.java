package org.xnet.synth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.xnet.core.XNetException;
import org.xnet.core.AtomicFiles;

/**
 * The CT volumes built into the jar (redistributable ones only; see {@code org/xnet/sample/NOTICE.md}
 * for sources and licences): listed by name and extracted to a folder for {@code xnet synth}/{@code demo}.
 */
public final class SampleData {
    /** Resource folder of the sample volumes. */
    static final String FOLDER = "/org/xnet/sample/";
    /** The built-in volumes, NIfTI-1 int16 HU in LPS order. */
    public static final List<String> VOLUMES = List.of("itkelastix_chest3mm.nii.gz", "totalseg_torso3mm.nii.gz",
            "vtk_headsq_quarter.nii.gz");
    /** Files that travel with the volumes: their notices and licence text. */
    public static final List<String> NOTICES = List.of("NOTICE.md", "LICENSE-Apache-2.0.txt");

    private SampleData() {
    }

    /** Copies every sample volume and its notices into {@code dir}; returns the volume paths. */
    public static List<Path> extract(Path dir) throws XNetException {
        List<Path> volumes = new ArrayList<>();
        for (String name : VOLUMES) {
            volumes.add(copy(name, dir));
        }
        for (String name : NOTICES) {
            copy(name, dir);
        }
        return volumes;
    }

    /** Extracts the sample volumes into a new temporary folder. */
    public static List<Path> extractToTemp() throws XNetException {
        try {
            return extract(Files.createTempDirectory("xnet-sample-"));
        } catch (IOException e) {
            throw new XNetException("cannot create a temporary folder for the sample data (" + e.getMessage() + ")", e);
        }
    }

    private static Path copy(String name, Path dir) throws XNetException {
        Path target = dir.resolve(name);
        AtomicFiles.write(target, temp -> {
            try (InputStream in = SampleData.class.getResourceAsStream(FOLDER + name)) {
                if (in == null) {
                    throw new XNetException("sample data " + name + " is missing from the jar");
                }
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
        });
        return target;
    }
}
