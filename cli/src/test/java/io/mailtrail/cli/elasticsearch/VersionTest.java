package io.mailtrail.cli.elasticsearch;

import io.mailtrail.cli.CliException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionTest {

    @Test
    void comparesNumerically() {
        assertThat(Version.parse("8.19.21")).isGreaterThan(Version.parse("8.14.0"));
        assertThat(Version.parse("8.9.0")).isLessThan(Version.parse("8.14.0"));
        assertThat(Version.parse("9.0.0-SNAPSHOT")).isGreaterThan(Version.parse("8.19.21"));
        assertThat(Version.parse("8.14.0")).isEqualByComparingTo(Cluster.MINIMUM_VERSION);
    }

    @Test
    void rejectsWhatIsNoVersion() {
        assertThatThrownBy(() -> Version.parse("eight")).isInstanceOf(CliException.class).hasMessageContaining("'eight'");
    }
}
