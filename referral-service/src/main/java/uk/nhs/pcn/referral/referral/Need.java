package uk.nhs.pcn.referral.referral;

/** The coded reasons a person is referred for (the needs and concerns of the PRSB standard). */
public enum Need {
    LONELINESS, HOUSING, DEBT_AND_MONEY, EMPLOYMENT, PHYSICAL_ACTIVITY, MENTAL_WELLBEING, CARER_SUPPORT,
    LONG_TERM_CONDITION, BEREAVEMENT, FOOD, WEIGHT_MANAGEMENT, ALCOHOL_AND_SUBSTANCE_USE, DIGITAL_INCLUSION, OTHER
}
