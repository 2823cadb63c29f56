package io.shotload.stub.chromium;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the memory of a process tree from Linux /proc.
 *
 * <p>The figure is the proportional set size (PSS): each page counts in full when one process maps it
 * and split evenly between the processes that share it. Summed over Chromium's processes it does not
 * count the shared binary and shared memory once per renderer, as summed RSS does, so the sum of all
 * browsers' PSS approximates the machine memory they take.
 */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /**
     * Returns the summed PSS in bytes of {@code processes}, from {@code /proc/<pid>/smaps_rollup}
     * (Linux 4.14 or newer). A process that exits while being read counts as zero.
     */
    public static long pssBytes(List<ProcessHandle> processes) {
        long totalKibibytes = 0;
        for (ProcessHandle process : processes) {
            totalKibibytes += pssKibibytes(process.pid());
        }
        return totalKibibytes * 1024;
    }

    private static long pssKibibytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    // "Pss:    272 kB"
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException exited) {
            return 0;
        }
        return 0;
    }
}
