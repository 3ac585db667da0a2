package org.xnet.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Loads the project's checked-in TorchScript modules (resources of this package) as DJL models. */
final class TorchScriptResource {
    private TorchScriptResource() {
    }

    /** The module in resource {@code resource} as a model named {@code name}; the caller closes it. */
    static Model load(String resource, String name) {
        Model m = Model.newInstance(name, "PyTorch");
        try (InputStream in = TorchScriptResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the jar");
            }
            m.load(in, Map.of());
            return m;
        } catch (IOException e) {
            m.close();
            throw new UncheckedIOException("cannot read resource " + resource, e);
        } catch (MalformedModelException e) {
            m.close();
            throw new IllegalStateException("resource " + resource + " is not a TorchScript module: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }
}
