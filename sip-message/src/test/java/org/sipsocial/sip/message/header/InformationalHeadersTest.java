package org.sipsocial.sip.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipsocial.sip.message.TestMessages.withHeaders;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipMessage;

class InformationalHeadersTest {
    @Test
    void user_agent_and_server_are_kept_as_text() {
        SipMessage m = withHeaders("User-Agent: Phone/1.0 (lab)", "Server: SIPsocial/0.1");
        assertThat(m.userAgent()).isEqualTo("Phone/1.0 (lab)");
        assertThat(m.server()).isEqualTo("SIPsocial/0.1");
    }

    @Test
    void a_gmt_date_reads_as_an_instant() {
        SipMessage m = withHeaders("Date: Sat, 13 Nov 2010 23:29:00 GMT");
        assertThat(m.dateValue()).isPresent();
        assertThat(m.dateValue().get().withZoneSameInstant(ZoneOffset.UTC).getHour()).isEqualTo(23);
    }

    @Test
    void event_gives_package_and_parameters() {
        ParameterizedValue e = withHeaders("o: presence;id=7").event();
        assertThat(e.value()).isEqualTo("presence");
        assertThat(e.parameters().get("id")).isEqualTo("7");
    }

    @Test
    void subscription_state_gives_state_and_expires() {
        ParameterizedValue s = withHeaders("Subscription-State: active;expires=600").subscriptionState();
        assertThat(s.value()).isEqualTo("active");
        assertThat(s.parameters().get("expires")).isEqualTo("600");
    }

    @Test
    void unknown_headers_are_kept_verbatim_in_order() {
        SipMessage m = withHeaders("X-One: 1", "x-two:  two ;;, ", "X-One: 3");
        assertThat(m.headers()).extracting(h -> h.name()).containsSubsequence("X-One", "x-two", "X-One");
        assertThat(m.headerValue("X-TWO")).isEqualTo("two ;;,");
        assertThat(m.header("x-two").toString()).isEqualTo("x-two:  two ;;, ");
    }
}
