package io.shotload.report;

import io.shotload.run.RunDataFiles;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File handling for reports: timestamped names that never replace an earlier report, writes that
 * readers see whole or not at all, and the {@code latest_results.json} link.
 */
public final class ReportFiles {

    /** The link, or copy where links are not possible, to the newest results file. */
    public static final String LATEST_RESULTS = "latest_results.json";
    /** Timestamps in report names: UTC, to the second, such as {@code 20251009-085320}. */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    /** Attempts at a free name before giving up; far more than reports written within one second. */
    private static final int MAX_NAME_ATTEMPTS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(ReportFiles.class);

    private ReportFiles() {}

    /**
     * Returns a name stem, the clock's timestamp with {@code -2}, {@code -3}... appended when needed, for
     * which no file {@code <prefix><stem><suffix>} exists yet for any of the given prefix and suffix pairs.
     *
     * @param names pairs of {prefix, suffix}, such as {@code {"load_test_results_", ".json"}}
     */
    public static String freeStem(Path folder, Clock clock, List<String[]> names) {
        String timestamp = TIMESTAMP.format(clock.instant());
        for (int attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
            String stem = attempt == 1 ? timestamp : timestamp + "-" + attempt;
            boolean free = names.stream().noneMatch(name -> Files.exists(folder.resolve(name[0] + stem + name[1])));
            if (free) {
                return stem;
            }
        }
        throw new IllegalStateException("No free report name in " + folder + " for " + timestamp + " after "
                + MAX_NAME_ATTEMPTS + " attempts; remove old reports.");
    }

    /**
     * Writes {@code bytes} as {@code <prefix><stem><suffix>}, or under the next free stem if that name
     * was taken meanwhile. The bytes go to a temporary file that is then hard-linked to the final name.
     * Linking fails rather than replace an existing file. Where hard links are not supported, a copy
     * without replacement is used instead.
     *
     * @return the file written
     */
    public static Path writeNew(Path folder, String prefix, String stem, String suffix, byte[] bytes)
            throws IOException {
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + prefix, ".tmp");
        try {
            Files.write(temporary, bytes);
            makeReadable(temporary);
            for (int attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
                Path target = folder.resolve(prefix + (attempt == 1 ? stem : stem + "-" + attempt) + suffix);
                try {
                    publish(temporary, target);
                    return target;
                } catch (FileAlreadyExistsException e) {
                    LOG.debug("Report name {} is taken; trying the next one", target);
                }
            }
            throw new IOException("No free name for " + prefix + stem + suffix + " in " + folder + " after "
                    + MAX_NAME_ATTEMPTS + " attempts; remove old reports.");
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Points {@code folder/latest_results.json} at {@code results}: a relative symbolic link created
     * under a temporary name and renamed over the old link, so readers always find a whole file. Where
     * symbolic links are not possible, it writes a copy the same way.
     *
     * @return the link or copy
     */
    public static Path updateLatest(Path folder, Path results) throws IOException {
        Path latest = folder.resolve(LATEST_RESULTS);
        Path temporary = folder.resolve("." + LATEST_RESULTS + "." + System.nanoTime() + ".tmp");
        try {
            Files.createSymbolicLink(temporary, results.getFileName());
        } catch (UnsupportedOperationException | FileSystemException e) {
            LOG.debug("Cannot create a symbolic link in {} ({}); writing a copy instead", folder, e.toString());
            return RunDataFiles.writeAtomically(latest, Files.readAllBytes(results));
        }
        try {
            Files.move(temporary, latest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, latest, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return latest;
    }

    /** Gives reports the usual rw-r--r-- mode: temporary files start as owner-only, and CI may read as another user. */
    private static void makeReadable(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static void publish(Path temporary, Path target) throws IOException {
        try {
            Files.createLink(target, temporary);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // NOTE: without hard links the copy is not atomic, so a reader may briefly see a partial file.
            // It still never replaces an existing file, because a copy without REPLACE_EXISTING fails then.
            Files.copy(temporary, target);
        }
    }
}
