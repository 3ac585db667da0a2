package org.xnet.infer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xnet.core.AtomicFiles;
import org.xnet.core.Sha256;
import org.xnet.core.XNetException;
import org.xnet.eval.TunedPostProcessing;

/**
 * An ensemble of model files whose class probabilities are averaged ({@code ensemble.json}, what
 * {@code xnet crossval} writes next to its fold models): each member is a {@code .xnet} file, named
 * relative to the manifest's folder, with its SHA-256, so that a replaced or damaged member is refused
 * instead of silently changing the ensemble.
 *
 * <pre>{"format": "xnet-ensemble", "version": 1,
 *  "members": [{"file": "fold-1/train/xnet.xnet", "sha256": "…"}, …],
 *  "post_processing": {"rule": "…", "without_tta": {"threshold": null, "dilate": 0, …}, …}}</pre>
 *
 * <p>{@code post_processing} ({@link TunedPostProcessing}, optional: manifests written before it existed
 * lack it) is the post-processing crossval tuned on its validation folds; {@code xnet predict} and
 * {@code xnet evaluate} apply it when no threshold or dilation is given.
 */
public record EnsembleManifest(@JsonProperty("format") String format, @JsonProperty("version") int version,
                               @JsonProperty("members") List<Member> members,
                               @JsonProperty("post_processing") @JsonInclude(JsonInclude.Include.NON_NULL)
                               TunedPostProcessing postProcessing) {
    /** The file name {@code xnet crossval} writes and a folder given as a model is searched for. */
    public static final String FILE = "ensemble.json";
    /** The value of {@code format}. */
    public static final String FORMAT = "xnet-ensemble";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One model of the ensemble: its file relative to the manifest's folder and the SHA-256 of its bytes. */
    public record Member(@JsonProperty("file") String file, @JsonProperty("sha256") String sha256) {
        public Member {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    public EnsembleManifest {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** True when {@code path} names an ensemble rather than one model file: a folder, or a {@code .json} file. */
    public static boolean isEnsemble(Path path) {
        return Files.isDirectory(path) || path.getFileName() != null
                && path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
    }

    /** The manifest file {@code path} stands for: {@code path/ensemble.json} for a folder, else {@code path}. */
    public static Path file(Path path) {
        return Files.isDirectory(path) ? path.resolve(FILE) : path;
    }

    /**
     * Writes a manifest of {@code models} (files) into {@code manifest} atomically, naming each relative to
     * the manifest's folder, with the SHA-256 of its bytes now.
     */
    public static EnsembleManifest write(Path manifest, List<Path> models) throws XNetException {
        return write(manifest, models, null);
    }

    /**
     * Writes a manifest of {@code models} as {@link #write(Path, List)} does, recording {@code tuned} (or
     * nothing, when null) as the ensemble's post-processing.
     */
    public static EnsembleManifest write(Path manifest, List<Path> models, TunedPostProcessing tuned)
            throws XNetException {
        Path dir = manifest.toAbsolutePath().getParent();
        List<Member> members = new ArrayList<>();
        for (Path model : models) {
            String relative = dir.relativize(model.toAbsolutePath()).toString().replace('\\', '/');
            try {
                members.add(new Member(relative, Sha256.of(model)));
            } catch (IOException e) {
                throw new XNetException("cannot read ensemble member " + model + ": " + e.getMessage(), e);
            }
        }
        EnsembleManifest m = new EnsembleManifest(FORMAT, 1, members, tuned);
        try {
            AtomicFiles.writeBytes(manifest, JSON.writeValueAsString(m).getBytes(StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the ensemble manifest", e);
        }
        return m;
    }

    /** The manifest bytes of {@code path} (a manifest file or a folder holding {@value #FILE}). */
    public static byte[] bytes(Path path) throws XNetException {
        Path file = file(path);
        if (!Files.isRegularFile(file)) {
            throw new XNetException(path + ": expected a model file, an ensemble manifest or a folder holding "
                    + FILE + ", found " + (Files.isDirectory(path) ? "a folder without " + FILE : "no such file"));
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new XNetException("cannot read ensemble manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the manifest {@code bytes} read from {@code file}, checking its format and that it names models. */
    public static EnsembleManifest parse(byte[] bytes, Path file) throws XNetException {
        EnsembleManifest m;
        try {
            m = JSON.readValue(bytes, EnsembleManifest.class);
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            throw new XNetException(file + ": expected an ensemble manifest (JSON), found unreadable JSON: "
                    + message.lines().findFirst().orElse(""), e);
        }
        if (!FORMAT.equals(m.format()) || m.version() != 1) {
            throw new XNetException(file + ": expected format \"" + FORMAT + "\" version 1, found \"" + m.format()
                    + "\" version " + m.version());
        }
        if (m.members().isEmpty()) {
            throw new XNetException(file + ": expected at least one member model, found none");
        }
        return m;
    }

    /**
     * The post-processing recorded in the ensemble {@code path} (a manifest file or a folder holding
     * {@value #FILE}); empty when the manifest records none.
     */
    public static Optional<TunedPostProcessing> postProcessing(Path path) throws XNetException {
        return Optional.ofNullable(parse(bytes(path), file(path)).postProcessing());
    }

    /**
     * The bytes of every member (relative to {@code manifestFile}'s folder), each checked against its
     * SHA-256: a changed member is an error naming the file and both digests.
     */
    public List<byte[]> memberBytes(Path manifestFile) throws XNetException {
        Path dir = manifestFile.toAbsolutePath().getParent();
        List<byte[]> out = new ArrayList<>();
        for (Member member : members) {
            Path file = dir.resolve(member.file());
            byte[] bytes = org.xnet.model.ModelFile.readAll(file);
            String sha = Sha256.of(bytes);
            if (!sha.equalsIgnoreCase(member.sha256())) {
                throw new XNetException(file + ": expected SHA-256 " + member.sha256() + " (from " + manifestFile
                        + "), found " + sha + ": the member changed since the ensemble was written");
            }
            out.add(bytes);
        }
        return out;
    }
}
