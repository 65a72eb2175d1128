package uk.nhs.pcn.referral.referral;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An outcome measure recorded for a referral at first contact or at discharge. */
@Entity
@Table(name = "outcome")
@IdClass(RecordedOutcome.Key.class)
public class RecordedOutcome extends PanacheEntityBase {

    @Id
    @Column(name = "referral_id")
    public UUID referralId;

    @Id
    public String measure;

    @Id
    public String timepoint;

    /** The item scores, comma-separated in the measure's order. */
    public String items;

    public Integer total;

    @Column(name = "metric_score")
    public BigDecimal metricScore;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Column(name = "recorded_by")
    public String recordedBy;

    public List<Integer> itemList() {
        return Arrays.stream(items.split(",")).map(Integer::valueOf).toList();
    }

    public static String join(List<Integer> items) {
        return String.join(",", items.stream().map(String::valueOf).toList());
    }

    public static class Key implements Serializable {
        public UUID referralId;
        public String measure;
        public String timepoint;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(referralId, k.referralId) && Objects.equals(measure, k.measure)
                    && Objects.equals(timepoint, k.timepoint);
        }

        @Override
        public int hashCode() {
            return Objects.hash(referralId, measure, timepoint);
        }
    }
}
