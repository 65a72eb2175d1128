package uk.nhs.pcn.referral.referral;

/** Who referred: anyone can refer to social prescribing, the person themselves included. */
public enum ReferralSource {
    GP, PRACTICE_STAFF, COMMUNITY_PHARMACY, HOSPITAL_DISCHARGE, LOCAL_AUTHORITY, VOLUNTARY_SECTOR, SELF_REFERRAL, OTHER
}
