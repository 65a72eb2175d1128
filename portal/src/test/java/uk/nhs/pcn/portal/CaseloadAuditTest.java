package uk.nhs.pcn.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.pcn.portal.PlatformSetup.as;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pcn.portal.caseload.CaseloadResource;
import uk.nhs.pcn.testsupport.TestTokens;

/**
 * The link worker's own caseload against the real platform (the four services as packaged jars, the broker,
 * PostgreSQL): a link worker signed in with their staff reference sees the referrals assigned to their own workforce
 * appointment, with the next step; opening one lands in referral-service's access audit (who, which referral, when,
 * why); a PCN manager never sees who a referral is about.
 */
@QuarkusTest
@WithTestResource(PlatformResources.class)
class CaseloadAuditTest {

    static final String NETWORK = "U00971";
    static final String PRACTICE = "E00971";
    static final Pattern REFERRAL_LINK = Pattern.compile("href=\"/caseload/referrals/([0-9a-f-]{36})\"");

    static String first;
    static String second;
    static String firstNhsNumber;

    /** Once: two link workers in one network, one referral each (the longer in post gets the first). */
    @BeforeEach
    void twoLinkWorkersWithAReferralEach() {
        if (first != null) {
            return;
        }
        PlatformSetup.network(NETWORK, "CASELOAD " + NETWORK, "00K");
        PlatformSetup.practice(PRACTICE, NETWORK, "00K", 12000);
        PlatformSetup.linkWorker(NETWORK, "SPLW-ANN", "2024-04-01");
        PlatformSetup.linkWorker(NETWORK, "SPLW-BOB", LocalDate.now().minusMonths(1).toString());
        PlatformSetup.awaitLinkWorkersKnown(NETWORK, 2);
        firstNhsNumber = PlatformSetup.testNhsNumber();
        first = PlatformSetup.referral(PRACTICE, firstNhsNumber, "Annsperson", "Firstfamily");
        second = PlatformSetup.referral(PRACTICE, PlatformSetup.testNhsNumber(), "Bobsperson", "Secondfamily");
    }

    @Test
    void aLinkWorkerSeesTheirOwnReferralsWithTheNextStepAndNoPersonsDetails() {
        String ann = given().cookie("pcn-dev-session", DevSignInForm.signIn("link-worker", NETWORK, "SPLW-ANN"))
                .get("/caseload").then().statusCode(200).extract().asString();
        assertThat(links(ann)).containsExactly(first);
        assertThat(ann).contains("Referrals assigned to you in network " + NETWORK).contains("Accept or decline")
                .contains("loneliness").doesNotContain("Annsperson", "Firstfamily", firstNhsNumber);
        String bob = given().cookie("pcn-dev-session", DevSignInForm.signIn("link-worker", NETWORK, "SPLW-BOB"))
                .get("/caseload").then().statusCode(200).extract().asString();
        assertThat(links(bob)).containsExactly(second);
        // A staff reference the network does not have: no referral, and the page says why.
        String stranger = given().cookie("pcn-dev-session", DevSignInForm.signIn("link-worker", NETWORK,
                "SPLW-NOBODY")).get("/caseload").then().statusCode(200).extract().asString();
        assertThat(links(stranger)).isEmpty();
        assertThat(stranger).contains("has no link worker appointment with your staff reference (SPLW-NOBODY)");
        // A token without the staff claim (every token made before it existed) still works: the network's list.
        String anyone = given().cookie("pcn-dev-session", DevSignInForm.signIn("link-worker", NETWORK, ""))
                .get("/caseload").then().statusCode(200).extract().asString();
        assertThat(links(anyone)).containsExactlyInAnyOrder(first, second);
        assertThat(anyone).contains("does not name your staff reference");
    }

    @Test
    void openingAReferralFromTheCaseloadPageLandsInTheAccessAuditWithWhoWhenAndWhy() {
        String session = DevSignInForm.signIn("link-worker", NETWORK, "SPLW-ANN");
        String who = claim(session, "sub");
        String page = given().cookie("pcn-dev-session", session).get("/caseload").then().statusCode(200).extract()
                .asString();
        String opened = links(page).get(0);
        assertThat(auditOf(opened)).as("listing the caseload reads no one's details").isEmpty();

        Instant before = Instant.now();
        String referral = given().cookie("pcn-dev-session", session).get("/caseload/referrals/" + opened).then()
                .statusCode(200).extract().asString();
        Instant after = Instant.now();
        assertThat(referral).contains("Annsperson Firstfamily").contains(firstNhsNumber);

        List<Map<String, Object>> audit = auditOf(opened);
        assertThat(audit).hasSize(1);
        Map<String, Object> entry = audit.get(0);
        assertThat(entry.get("readBy")).isEqualTo(who).isEqualTo("local-link-worker-" + NETWORK + "-SPLW-ANN");
        assertThat(entry.get("roles")).isEqualTo("link-worker");
        assertThat(entry.get("what")).isEqualTo("REFERRAL");
        assertThat(entry.get("reason")).isEqualTo(CaseloadResource.READ_REASON);
        Instant readAt = Instant.parse(entry.get("readAt").toString());
        assertThat(readAt).isBetween(before.minusSeconds(1), after.plusSeconds(1));
    }

    @Test
    void aPcnManagerNeverSeesAPatientIdentifierOnTheCaseloadOrNetworkPages() {
        String session = DevSignInForm.signIn("pcn-manager", NETWORK, "");
        String caseload = given().cookie("pcn-dev-session", session).get("/caseload").then().statusCode(403)
                .extract().asString();
        String referral = given().cookie("pcn-dev-session", session).get("/caseload/referrals/" + first).then()
                .statusCode(403).extract().asString();
        String network = given().cookie("pcn-dev-session", session).get("/networks/" + NETWORK).then()
                .statusCode(200).extract().asString();
        assertThat(network).contains("CASELOAD " + NETWORK).contains("SPLW-ANN");
        for (String html : List.of(caseload, referral, network)) {
            assertThat(html).doesNotContain(firstNhsNumber, "Annsperson", "Firstfamily", "Bobsperson",
                    "Secondfamily", "1958-03-14", "14 March 1958");
        }
        assertThat(auditOf(first)).noneMatch(e -> String.valueOf(e.get("roles")).contains("pcn-manager"));
    }

    static List<String> links(String html) {
        Matcher m = REFERRAL_LINK.matcher(html);
        List<String> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** The referral's access audit as the network's information governance lead reads it from referral-service. */
    static List<Map<String, Object>> auditOf(String referralId) {
        return as(TestTokens.igLead("ig-" + NETWORK, NETWORK), "referral").get("/api/v1/referrals/" + referralId
                + "/audit").then().statusCode(200).extract().jsonPath().getList("$");
    }

    static String claim(String token, String name) {
        String json = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
