package io.shotload.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDataFilesTest {

    @Test
    void missingRunDataIsReported(@TempDir Path folder) {
        assertThatThrownBy(() -> RunDataFiles.read(folder))
                .isInstanceOf(InvalidRunDataException.class)
                .hasMessageContaining("Run data not found: " + folder.resolve(RunDataFiles.RUN_DATA_FILE));
    }

    @Test
    void corruptRunDataIsReported(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve(RunDataFiles.RUN_DATA_FILE), "{\"format_version\": 1, \"scenarios\": [tru");

        assertThatThrownBy(() -> RunDataFiles.read(folder))
                .isInstanceOf(InvalidRunDataException.class)
                .hasMessageStartingWith("Corrupt run data in ");
    }

    @Test
    void otherFormatVersionIsRejected(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve(RunDataFiles.RUN_DATA_FILE), "{\"format_version\": 7}");

        assertThatThrownBy(() -> RunDataFiles.read(folder))
                .isInstanceOf(InvalidRunDataException.class)
                .hasMessageContaining("format_version = 7; expected " + RunData.FORMAT_VERSION);
    }

    @Test
    void corruptHistogramNamesField() {
        assertThatThrownBy(() -> Histograms.decode("bm90IGEgaGlzdG9ncmFt", "scenarios[0].response_time_histogram"))
                .isInstanceOf(InvalidRunDataException.class)
                .hasMessageContaining("scenarios[0].response_time_histogram");
    }

    @Test
    void atomicWriteReplacesWholeFile(@TempDir Path folder) throws Exception {
        Path target = folder.resolve("file.json");
        RunDataFiles.writeAtomically(target, "old".getBytes());
        RunDataFiles.writeAtomically(target, "new".getBytes());

        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(Files.list(folder)).containsExactly(target);
    }
}
