package org.xnet.train;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Tells, within about a millisecond (inotify on Linux), when files appear in a folder or any folder
 * under it, including ones created later: a file created, or moved into place by an atomic rename.
 * Lets a test kill a process the moment it starts an atomic write (its temporary file appears) or
 * has just finished one (the target appears by rename).
 */
final class FolderWatch implements AutoCloseable {
    private final WatchService service;
    private final Map<WatchKey, Path> folders = new HashMap<>();

    FolderWatch(Path root) throws IOException {
        service = root.getFileSystem().newWatchService();
        register(root);
    }

    private void register(Path folder) throws IOException {
        folders.put(folder.register(service, ENTRY_CREATE), folder);
        try (var children = Files.list(folder)) {
            for (Path child : children.filter(Files::isDirectory).toList()) {
                register(child);
            }
        }
    }

    /**
     * Waits until a file appears whose name {@code stop} accepts (it is asked once per new file, in
     * order, so it may count) and returns its path, or returns null when {@code process} ends first.
     */
    Path await(Predicate<String> stop, Process process) throws IOException, InterruptedException {
        while (true) {
            WatchKey key;
            try {
                key = service.poll(5, TimeUnit.MILLISECONDS);
            } catch (ClosedWatchServiceException e) {
                return null;
            }
            if (key == null) {
                if (!process.isAlive()) {
                    return null;
                }
                continue;
            }
            Path folder = folders.get(key);
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() != ENTRY_CREATE) {
                    continue; // OVERFLOW: events were lost; the next matching one still counts
                }
                Path file = folder.resolve((Path) event.context());
                if (Files.isDirectory(file)) {
                    register(file);
                } else if (stop.test(file.getFileName().toString())) {
                    key.reset();
                    return file;
                }
            }
            key.reset();
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
