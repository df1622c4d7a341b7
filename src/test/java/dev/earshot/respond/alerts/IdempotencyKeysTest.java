package dev.earshot.respond.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

    @Test
    void keysAreStablePerVersionAndChannel() {
        Alert open = AlertFixtures.parking("84964567570871bdb472", AlertStatus.OPEN, 5);
        Alert resolved = AlertFixtures.parking("84964567570871bdb472", AlertStatus.RESOLVED, 5);

        assertThat(IdempotencyKeys.of(open, "ops-slack")).hasSize(32).isEqualTo(IdempotencyKeys.of(open, "ops-slack"));
        assertThat(IdempotencyKeys.of(open, "ops-slack")).isNotEqualTo(IdempotencyKeys.of(open, "pager-webhook"));
        assertThat(IdempotencyKeys.of(open, "ops-slack")).isNotEqualTo(IdempotencyKeys.of(resolved, "ops-slack"));
    }
}
