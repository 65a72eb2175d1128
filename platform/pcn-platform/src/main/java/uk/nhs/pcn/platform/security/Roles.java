package uk.nhs.pcn.platform.security;

/** Roles carried in the token's {@code groups} claim. */
public final class Roles {

    /** ICB / sub-ICB commissioners: read every network; write the registry. */
    public static final String COMMISSIONER = "commissioner";
    /** A PCN's manager: reads, and changes only the networks named in the token's {@value #NETWORKS_CLAIM} claim. */
    public static final String PCN_MANAGER = "pcn-manager";
    /** A social prescribing link worker. */
    public static final String LINK_WORKER = "link-worker";
    /** Read-only access to the registry and workforce; does not read money. */
    public static final String VIEWER = "viewer";
    /** An ICB finance analyst: reads every network's payments and confirms monthly payments. */
    public static final String FINANCE = "finance";

    /**
     * Practice staff who refer people to social prescribing: create referrals for the practices named in the token's
     * {@value #PRACTICES_CLAIM} claim and read the ones they made.
     */
    public static final String REFERRER = "referrer";
    /** A network's information governance lead: reads who read its patient-identifiable records (the access audit). */
    public static final String IG_LEAD = "ig-lead";

    /** Claim listing the GP practice ODS codes a referrer refers for. */
    public static final String PRACTICES_CLAIM = "pcn_practices";

    /** Claim listing the PCN ODS codes a token may act for. */
    public static final String NETWORKS_CLAIM = "pcn_networks";

    /**
     * Claim listing the holder's own staff references: the employer's staff reference that workforce-service records
     * on each of their appointments ({@code staffReference}). It says which of a network's appointments are the
     * signed-in person's, e.g. which link worker's caseload is theirs (referral-service assigns referrals to a
     * workforce appointment, and its caseload names each appointment's staff reference). Optional: it grants
     * nothing (the roles and {@value #NETWORKS_CLAIM} decide what a token may do), and a token without it keeps
     * working, only without "my own" views. The identity provider maps it from the person's employment record;
     * the development tokens ({@code ./pcn token --staff}, the portal's local sign-in) carry it when asked.
     */
    public static final String STAFF_CLAIM = "pcn_staff";

    private Roles() {
    }
}
