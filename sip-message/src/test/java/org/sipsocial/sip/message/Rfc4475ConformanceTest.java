package org.sipsocial.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sipsocial.testkit.Rfc4475Vectors.Vector;
import org.sipsocial.testkit.Rfc4475Vectors;

/**
 * Every RFC 4475 torture message, driven by EXPECTED.tsv: valid ones parse, are written back
 * byte for byte and yield the values the RFC calls out ({@link TortureValueChecks}); invalid
 * ones are rejected with the reason named here. Tolerable and semantic ones get the outcome
 * chosen below (the semantic answers themselves belong to the registrar and proxy).
 */
class Rfc4475ConformanceTest {
    /** Files the parser refuses, with the reason; every other file must parse. */
    private static final Map<String, RejectReason> REJECTED = Map.ofEntries(
            Map.entry("badinv01.dat", RejectReason.BAD_HEADER_VALUE),
            Map.entry("clerr.dat", RejectReason.BODY_TRUNCATED),
            Map.entry("ncl.dat", RejectReason.BAD_CONTENT_LENGTH),
            Map.entry("scalar02.dat", RejectReason.BAD_HEADER_VALUE),
            Map.entry("scalarlg.dat", RejectReason.BAD_HEADER_VALUE),
            Map.entry("quotbal.dat", RejectReason.BAD_HEADER_VALUE),
            Map.entry("ltgtruri.dat", RejectReason.BAD_REQUEST_URI),
            Map.entry("lwsruri.dat", RejectReason.BAD_REQUEST_LINE),
            Map.entry("lwsstart.dat", RejectReason.BAD_REQUEST_LINE),
            Map.entry("trws.dat", RejectReason.BAD_REQUEST_LINE),
            Map.entry("escruri.dat", RejectReason.BAD_REQUEST_URI),
            Map.entry("regbadct.dat", RejectReason.BAD_HEADER_VALUE),
            Map.entry("badvers.dat", RejectReason.VERSION_NOT_SUPPORTED),
            Map.entry("mismatch01.dat", RejectReason.METHOD_MISMATCH),
            Map.entry("mismatch02.dat", RejectReason.METHOD_MISMATCH),
            Map.entry("bigcode.dat", RejectReason.BAD_STATUS_LINE),
            // the file as the RFC prints it has no empty line after the headers (tolerable: 400)
            Map.entry("baddn.dat", RejectReason.INCOMPLETE_HEADERS),
            Map.entry("insuf.dat", RejectReason.MISSING_HEADER),
            Map.entry("multi01.dat", RejectReason.DUPLICATE_HEADER),
            Map.entry("mcl01.dat", RejectReason.DUPLICATE_HEADER));

    static Stream<Vector> messages() {
        List<Vector> all = Rfc4475Vectors.all();
        assertThat(all).hasSize(49);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void each_torture_message_gets_the_outcome_rfc_4475_expects(Vector entry) {
        byte[] bytes = entry.bytes();
        ParseResult result = SipParser.parse(bytes);
        RejectReason expectedReason = REJECTED.get(entry.file());
        if (entry.kind().equals("invalid")) {
            assertThat(expectedReason).as("RFC 4475 calls %s invalid", entry.file()).isNotNull();
        }
        if (entry.kind().equals("valid")) {
            assertThat(expectedReason).as("RFC 4475 calls %s valid", entry.file()).isNull();
        }
        if (expectedReason != null) {
            assertThat(result.isMessage()).as("%s must be rejected", entry.file()).isFalse();
            assertThat(result.rejection().reason()).as(result.rejection().toString()).isEqualTo(expectedReason);
            assertThat(result.rejection().offset()).isBetween(0, bytes.length);
            return;
        }
        assertThat(result.isMessage()).as("%s must parse: %s", entry.file(), result).isTrue();
        SipMessage m = result.message();
        byte[] written = SipWriter.toBytes(m);
        assertThat(written).as("written back byte for byte").isEqualTo(Arrays.copyOf(bytes, result.length()));
        assertThat(SipParser.parse(written).message()).isEqualTo(m);
        Consumer<SipMessage> check = TortureValueChecks.CHECKS.get(entry.file());
        if (check != null) check.accept(m);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void every_message_the_rfc_calls_out_has_a_value_check(Vector entry) {
        boolean parses = !REJECTED.containsKey(entry.file());
        if (parses && !entry.kind().equals("semantic")) {
            assertThat(TortureValueChecks.CHECKS).containsKey(entry.file());
        }
    }
}
