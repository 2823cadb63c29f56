package io.shotload.recording;

import io.shotload.run.GeneratorSample;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/** Reads the load generator's own CPU and heap, through the JVM's management beans. */
final class GeneratorProbe {

    private final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();

    GeneratorSample sample(int activeUsers) {
        double processCpu = -1;
        double systemCpu = -1;
        if (os instanceof com.sun.management.OperatingSystemMXBean extended) {
            processCpu = extended.getProcessCpuLoad();
            systemCpu = extended.getCpuLoad();
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new GeneratorSample(System.currentTimeMillis(), processCpu, systemCpu, heap.getUsed(), heap.getMax(), activeUsers);
    }
}
