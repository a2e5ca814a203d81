package org.sipsocial.link.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeenFromReportsTest {
    @Test
    void eachSiteCountsWithItsLatestReportWhateverTheCaseOfItsName() {
        SeenFromReports reports = new SeenFromReports();
        reports.dialledSiteReports("theGreens", "11.250.42.12:51000");
        reports.dialledSiteReports("theBrowns", "11.250.42.12:40123");
        reports.dialledSiteReports("THEBROWNS", "11.250.42.12:40999");

        assertThat(reports.reports()).containsExactly(new PeerReport("THEBROWNS", "11.250.42.12", 40999),
                new PeerReport("theGreens", "11.250.42.12", 51000));
    }

    @Test
    void aSiteRemovedFromTheListIsForgottenWithEveryReportItMadeWhateverTheCaseOfItsName() {
        SeenFromReports reports = new SeenFromReports();
        reports.dialledSiteReports("theGreens", "11.250.42.12:51000");
        reports.dialledSiteReports("theBrowns", "11.250.42.12:40123");
        reports.dialledSiteReports("theBrowns", "11.250.42.12:5070");

        reports.forget("THEBROWNS");

        assertThat(reports.reports()).containsExactly(new PeerReport("theGreens", "11.250.42.12", 51000));
        assertThat(reports.lastAtPort(5070)).isEmpty();
        assertThat(reports.lastAtPort(40123)).isEmpty();
        assertThat(reports.lastAtPort(51000)).isPresent();
    }

    @Test
    void anIpv6ReportKeepsItsHostAndShowsItInBrackets() {
        PeerReport report = PeerReport.of("theBrowns", "[2001:db8::7]:5070");
        assertThat(report.host()).isEqualTo("2001:db8::7");
        assertThat(report.hostPort()).isEqualTo("[2001:db8::7]:5070");
        assertThat(PeerReport.of("theBrowns", "2001:db8::7:5070").port()).isEqualTo(5070);
    }

    @Test
    void aReportWithoutAPortIsRefused() {
        assertThatThrownBy(() -> PeerReport.of("theBrowns", "11.250.42.12")).isInstanceOf(IllegalArgumentException.class);
    }
}
