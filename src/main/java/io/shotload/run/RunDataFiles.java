package io.shotload.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.shotload.json.Json;
import io.shotload.json.JsonErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads and writes run data, and finds Gatling run folders under a results folder. */
public final class RunDataFiles {

    /** The raw data file in each Gatling run folder. */
    public static final String RUN_DATA_FILE = "shotload-run.json";

    private RunDataFiles() {}

    /** Writes run data into {@code runFolder} through a temporary file and an atomic rename. */
    public static Path write(Path runFolder, RunData data) {
        try {
            Files.createDirectories(runFolder);
            byte[] json = Json.mapper().writeValueAsBytes(data);
            return writeAtomically(runFolder.resolve(RUN_DATA_FILE), json);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write run data into " + runFolder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the run data of a run folder, or of the file itself when given one.
     *
     * @throws InvalidRunDataException when the file is missing, unreadable, corrupt or of another format version
     */
    public static RunData read(Path runFolderOrFile) {
        Path file = Files.isDirectory(runFolderOrFile) ? runFolderOrFile.resolve(RUN_DATA_FILE) : runFolderOrFile;
        if (!Files.isRegularFile(file)) {
            throw new InvalidRunDataException("Run data not found: " + file
                    + "; expected the folder of a finished run (containing " + RUN_DATA_FILE + ") or that file.");
        }
        RunData data;
        try {
            JsonNode tree = Json.mapper().readTree(file.toFile());
            if (tree == null || !tree.isObject()) {
                throw new InvalidRunDataException("Corrupt run data in " + file + ": expected a JSON object.");
            }
            JsonNode version = tree.get("format_version");
            if (version == null || !version.isInt() || version.intValue() != RunData.FORMAT_VERSION) {
                throw new InvalidRunDataException("Unsupported run data in " + file + ": format_version = " + version
                        + "; expected " + RunData.FORMAT_VERSION + ". Another shotload version recorded it; analyse it"
                        + " with that version or run the test again.");
            }
            data = Json.mapper().treeToValue(tree, RunData.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRunDataException("Corrupt run data in " + file + ": " + JsonErrors.describe(e) + ".", e);
        } catch (IOException e) {
            throw new InvalidRunDataException("Cannot read run data " + file + ": " + e.getMessage(), e);
        }
        if (data == null) {
            throw new InvalidRunDataException("Corrupt run data in " + file + ": the file is empty.");
        }
        if (data.plan() == null) {
            throw new InvalidRunDataException("Corrupt run data in " + file + ": plan is missing.");
        }
        for (int index = 0; index < data.scenarios().size(); index++) {
            ScenarioRun scenario = data.scenarios().get(index);
            if (scenario == null || scenario.spec() == null || scenario.status() == null) {
                throw new InvalidRunDataException("Corrupt run data in " + file + ": scenarios[" + index
                        + "] lacks its spec or status.");
            }
        }
        return data;
    }

    /** Finds the newest run folder under {@code resultsFolder} that contains run data. */
    public static Optional<Path> newestRunFolder(Path resultsFolder) {
        if (!Files.isDirectory(resultsFolder)) {
            return Optional.empty();
        }
        try (Stream<Path> children = Files.list(resultsFolder)) {
            return children
                    .filter(child -> Files.isRegularFile(child.resolve(RUN_DATA_FILE)))
                    .max(Comparator.comparing(RunDataFiles::lastModified));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + resultsFolder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code bytes} to {@code target} so that readers see either the old file or the whole new
     * one: the bytes go to a temporary file in the same folder, which is then renamed over the target.
     */
    public static Path writeAtomically(Path target, byte[] bytes) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
        try {
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static java.nio.file.attribute.FileTime lastModified(Path folder) {
        try {
            return Files.getLastModifiedTime(folder.resolve(RUN_DATA_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
