package uk.nhs.pcn.portal.caseload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The next step a referral needs, in words, from the steps referral-service says it allows next ({@code nextSteps},
 * the API's step names). "Did not attend" and "withdraw" are allowed at every open step, so they are not a next step.
 */
public final class NextStep {

    private static final Map<String, String> WORDS = Map.of("accept", "accept", "decline", "decline",
            "first-contact", "first contact (what matters to the person)", "plan", "agree a plan",
            "connections", "connect to a service", "follow-ups", "follow up", "discharge", "discharge");
    private static final List<String> ALWAYS = List.of("did-not-attend", "withdraw");

    private NextStep() {
    }

    /**
     * @param allowed the step names referral-service allows next, in pathway order
     * @param overdueForAcceptance whether it has waited for acceptance beyond the service's limit
     */
    public static String of(List<String> allowed, boolean overdueForAcceptance) {
        List<String> words = new ArrayList<>();
        for (String step : allowed) {
            if (!ALWAYS.contains(step)) {
                words.add(WORDS.getOrDefault(step, step.replace('-', ' ')));
            }
        }
        if (words.isEmpty()) {
            return allowed.isEmpty() ? "None: the referral is closed" : "Record that the person did not attend, or "
                    + "withdraw";
        }
        String text = words.size() == 1 ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
        text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return overdueForAcceptance ? text + " (overdue for acceptance)" : text;
    }
}
