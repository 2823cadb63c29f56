package io.shotload.report;

import io.shotload.analysis.CapacityAnalysis;
import io.shotload.analysis.CriterionResult;
import io.shotload.analysis.ScenarioResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders an analysis as JUnit XML for CI: one {@code testsuite}, one {@code testcase} per scenario and
 * criterion ({@code error_rate}, {@code latency}, {@code stability}, {@code breaking_point}, plus
 * {@code completed} for an aborted scenario). A failed criterion has a {@code failure} with the
 * criterion's message; a scenario that did not run has {@code skipped}. The summary's verdict and
 * reasons go into the suite's properties and {@code system-out}.
 */
public final class JunitXmlReport {

    private JunitXmlReport() {}

    /** Returns the XML document, UTF-8 encoded. */
    public static byte[] render(CapacityAnalysis analysis, String planName, String timestamp) {
        List<ScenarioResult> scenarios = analysis.scenarios();
        long tests = scenarios.stream().mapToLong(s -> s.criteria().size()).sum();
        long failures = countOutcome(scenarios, CriterionResult.Outcome.FAILED);
        long skipped = countOutcome(scenarios, CriterionResult.Outcome.SKIPPED);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            newline(xml);
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "shotload." + planName);
            xml.writeAttribute("tests", String.valueOf(tests));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", String.valueOf(skipped));
            xml.writeAttribute("time", String.valueOf(analysis.summary().durationSeconds()));
            xml.writeAttribute("timestamp", timestamp);
            newline(xml);
            writeProperties(xml, analysis);
            for (ScenarioResult scenario : scenarios) {
                for (CriterionResult criterion : scenario.criteria()) {
                    writeTestCase(xml, planName, scenario, criterion);
                }
            }
            xml.writeStartElement("system-out");
            xml.writeCharacters(systemOut(analysis));
            xml.writeEndElement();
            newline(xml);
            xml.writeEndElement();
            newline(xml);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot render the JUnit XML report: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static void writeProperties(XMLStreamWriter xml, CapacityAnalysis analysis) throws XMLStreamException {
        xml.writeStartElement("properties");
        newline(xml);
        property(xml, "verdict", analysis.summary().verdict());
        property(xml, "exit_code", String.valueOf(analysis.exitCode()));
        property(xml, "production_ready", String.valueOf(analysis.summary().productionReady()));
        property(xml, "optimal_concurrent_users", String.valueOf(analysis.summary().optimalConcurrentUsers()));
        property(xml, "recommended_pool_size", String.valueOf(analysis.summary().recommendedPoolSize()));
        property(xml, "breaking_point_users", String.valueOf(analysis.summary().breakingPointUsers()));
        property(xml, "validation", analysis.summary().validation().status().name().toLowerCase(java.util.Locale.ROOT));
        xml.writeEndElement();
        newline(xml);
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
        newline(xml);
    }

    private static void writeTestCase(XMLStreamWriter xml, String planName, ScenarioResult scenario,
            CriterionResult criterion) throws XMLStreamException {
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "shotload." + planName + "." + scenario.scenario());
        xml.writeAttribute("name", criterion.criterion());
        double seconds = scenario.metrics() == null || scenario.metrics().windowSeconds() == null
                ? 0 : scenario.metrics().windowSeconds();
        xml.writeAttribute("time", String.valueOf(seconds));
        switch (criterion.outcome()) {
            case FAILED -> {
                xml.writeStartElement("failure");
                xml.writeAttribute("message", criterion.message());
                xml.writeAttribute("type", criterion.criterion());
                xml.writeCharacters(criterion.message());
                xml.writeEndElement();
            }
            case SKIPPED -> {
                xml.writeEmptyElement("skipped");
                xml.writeAttribute("message", criterion.message());
            }
            case PASSED -> {
                xml.writeStartElement("system-out");
                xml.writeCharacters(criterion.message());
                xml.writeEndElement();
            }
        }
        xml.writeEndElement();
        newline(xml);
    }

    private static String systemOut(CapacityAnalysis analysis) {
        StringBuilder text = new StringBuilder("Verdict: ").append(analysis.summary().verdict())
                .append(" (exit code ").append(analysis.exitCode()).append(")\n");
        analysis.summary().reasons().forEach(reason -> text.append("- ").append(reason).append('\n'));
        analysis.analysis().warnings().forEach(warning -> text.append("Warning: ").append(warning).append('\n'));
        return text.toString();
    }

    private static long countOutcome(List<ScenarioResult> scenarios, CriterionResult.Outcome outcome) {
        return scenarios.stream().flatMap(s -> s.criteria().stream()).filter(c -> c.outcome() == outcome).count();
    }

    private static void newline(XMLStreamWriter xml) throws XMLStreamException {
        xml.writeCharacters("\n");
    }
}
