package uk.nhs.pcn.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.referral.person.NhsNumber;
import uk.nhs.pcn.referral.referral.Referral;
import uk.nhs.pcn.testsupport.contract.PublicTopics;

/**
 * Runs after the other tests of the suite (just before the contract conformance test): every record the suite
 * published on any topic, and every line the service logged, is scanned for anything that passes the NHS number
 * check, and for the names, dates of birth and contact details of the people the suite referred.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE - 1)
class NoPatientIdentifierLeavesTest {

    /**
     * Ten digits, possibly grouped 3-3-4 with spaces or hyphens, standing on their own (not part of a longer number
     * or of a hexadecimal id such as a trace id).
     */
    static final Pattern CANDIDATE = Pattern.compile(
            "(?<![0-9A-Za-z])([0-9]{3})[ -]?([0-9]{3})[ -]?([0-9]{4})(?![0-9A-Za-z])");

    static List<String> nhsNumbersIn(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            String digits = m.group(1) + m.group(2) + m.group(3);
            if (NhsNumber.isValid(digits)) {
                found.add(digits);
            }
        }
        return found;
    }

    @Test
    void theScannerItselfFindsAnNhsNumberHoweverItIsWritten() {
        assertThat(nhsNumbersIn("{\"x\":\"9434765919\"}")).containsExactly("9434765919");
        assertThat(nhsNumbersIn("nhs 943 476 5919.")).containsExactly("9434765919");
        assertThat(nhsNumbersIn("943-476-5919")).containsExactly("9434765919");
        assertThat(nhsNumbersIn("9434765918 and 19434765919 and a9434765919")).isEmpty();
    }

    @Test
    void noRecordOnAnyTopicCarriesAnNhsNumberOrAReferredPersonsDetails() throws Exception {
        List<Referral> people = QuarkusTransaction.requiringNew().call(() -> Referral.<Referral>listAll());
        assertThat(people).as("the suite referred people").hasSizeGreaterThan(5);
        awaitOutboxDrained();
        var records = PublicTopics.readAll(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers",
                String.class));
        List<String> referralRecords = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        for (var record : records) {
            String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
            StringBuilder text = new StringBuilder(value).append(' ').append(record.key());
            record.headers().forEach(h -> text.append(' ').append(new String(h.value(), StandardCharsets.UTF_8)));
            if (record.topic().equals(Topics.REFERRAL)) {
                referralRecords.add(value);
            }
            for (String number : nhsNumbersIn(text.toString())) {
                leaks.add(record.topic() + "@" + record.offset() + ": an NHS number");
            }
            for (Referral person : people) {
                for (String detail : details(person)) {
                    if (text.toString().contains(detail)) {
                        leaks.add(record.topic() + "@" + record.offset() + ": a detail of a referred person");
                    }
                }
            }
        }
        assertThat(referralRecords).as("the suite published referral events").hasSizeGreaterThan(20);
        assertThat(leaks).isEmpty();
    }

    @Test
    void noLogLineCarriesAnNhsNumberOrAReferredPersonsDetails() throws Exception {
        Path log = Path.of("target/referral-service-test.log");
        assertThat(log).exists();
        String lines = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(lines).as("the log was written").contains("referral-service");
        assertThat(nhsNumbersIn(lines)).isEmpty();
        List<Referral> people = QuarkusTransaction.requiringNew().call(() -> Referral.<Referral>listAll());
        for (Referral person : people) {
            for (String detail : details(person)) {
                assertThat(lines).doesNotContain(detail);
            }
        }
    }

    /** What identifies a referred person beyond the NHS number (names are the suite's distinctive test names). */
    /**
     * The details searched for. One shorter than five characters (the request fuzz test refers people with a phone
     * number "0" or a family name "x") would match any text, so it is not searched: NHS numbers are found by their
     * check digit and dates of birth are always ten characters.
     */
    private static List<String> details(Referral r) {
        List<String> details = new ArrayList<>(List.of(r.nhsNumber, r.dateOfBirth.toString()));
        for (String detail : java.util.Arrays.asList(r.familyName, r.email, r.phone)) {
            if (detail != null && detail.strip().length() >= 5) {
                details.add(detail);
            }
        }
        return details;
    }

    private static void awaitOutboxDrained() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ((Number) Referral.getEntityManager()
                        .createNativeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")
                        .getSingleResult()).longValue() == 0));
    }
}
