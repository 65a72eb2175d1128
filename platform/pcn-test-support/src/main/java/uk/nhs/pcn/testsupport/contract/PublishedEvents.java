package uk.nhs.pcn.testsupport.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import uk.nhs.pcn.events.CloudEventHeaders;
import uk.nhs.pcn.testsupport.EventPublisher;

/**
 * The verdict on everything a service's test suite published: every record must be accepted by
 * {@link RecordConformance}, and the suite must have published every event type the AsyncAPI document puts on the
 * service's topics, so that no type goes unchecked. Records the test harness itself injected, standing in for
 * another service ({@code ce_source} {@value EventPublisher#SOURCE}, often broken on purpose), are not judged.
 */
public final class PublishedEvents {

    private static final int SHOWN = 20;

    /** A record that breaks the contract, and how. */
    public record Rejected(String where, String type, String source, List<String> problems) {
    }

    /**
     * @param checked how many records were judged
     * @param rejected the records that break the contract
     * @param unpublishedTypes event types on the service's topics that its suite never published
     * @param serviceSource the {@code ce_source} of the service under test
     */
    public record Verdict(int checked, List<Rejected> rejected, Set<String> unpublishedTypes, String serviceSource,
            Set<String> serviceTopics) {

        public boolean accepted() {
            return rejected.isEmpty() && unpublishedTypes.isEmpty() && !serviceTopics.isEmpty();
        }

        /** What an engineer needs to fix, in words. */
        public String report() {
            StringBuilder report = new StringBuilder();
            if (serviceTopics.isEmpty()) {
                report.append("The suite published no event with ce_source ").append(serviceSource)
                        .append(": nothing of the service's own was checked.\n");
            }
            if (!rejected.isEmpty()) {
                report.append(rejected.size()).append(" of ").append(checked)
                        .append(" records on the public topics break the contract:\n");
                rejected.stream().limit(SHOWN).forEach(r -> {
                    report.append("  ").append(r.where()).append(' ').append(r.type()).append(" from ")
                            .append(r.source()).append('\n');
                    r.problems().forEach(p -> report.append("    - ").append(p).append('\n'));
                });
                if (rejected.size() > SHOWN) {
                    report.append("  ... and ").append(rejected.size() - SHOWN).append(" more\n");
                }
            }
            if (!unpublishedTypes.isEmpty()) {
                report.append("Event types on ").append(serviceTopics).append(" that the suite never published, so ")
                        .append("never checked: ").append(unpublishedTypes).append('\n');
            }
            return report.toString();
        }
    }

    private PublishedEvents() {
    }

    public static Verdict judge(List<ConsumerRecord<String, byte[]>> records, String serviceSource,
            AsyncApiContract asyncApi) {
        RecordConformance conformance = new RecordConformance(asyncApi);
        List<Rejected> rejected = new ArrayList<>();
        Set<String> serviceTopics = new TreeSet<>();
        Set<String> serviceTypes = new LinkedHashSet<>();
        int checked = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            String source = header(record, CloudEventHeaders.SOURCE);
            if (EventPublisher.SOURCE.equals(source)) {
                continue;
            }
            checked++;
            String type = header(record, CloudEventHeaders.TYPE);
            List<String> problems = conformance.problems(record);
            if (!problems.isEmpty()) {
                rejected.add(new Rejected(record.topic() + "-" + record.partition() + "@" + record.offset(), type,
                        source, problems));
            }
            if (serviceSource.equals(source)) {
                serviceTopics.add(record.topic());
                serviceTypes.add(type);
            }
        }
        Set<String> unpublished = serviceTopics.stream().flatMap(t -> asyncApi.typesOn(t).stream())
                .filter(t -> !serviceTypes.contains(t)).collect(Collectors.toCollection(TreeSet::new));
        return new Verdict(checked, List.copyOf(rejected), unpublished, serviceSource, serviceTopics);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
