package org.sipsocial.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.uri.Uri;

class SiteAddressesTest {
    private final SiteAddresses addresses = new SiteAddresses("theSmiths", "10.0.0.1", Map.of("UDP", 5060, "TCP", 5060, "TLS", 5061));

    @Test
    void a_tls_record_route_names_tls_as_a_transport_parameter_and_is_ours() {
        String route = addresses.recordRoute("TLS", Uri.parse("sip:bob@theSmiths")).toString();
        assertThat(route).isEqualTo("<sip:10.0.0.1:5061;lr;transport=tls>");
        assertThat(addresses.isThisProxy(addresses.recordRoute("TLS", Uri.parse("sip:bob@theSmiths")).uri())).isTrue();
        assertThat(addresses.recordRoute("UDP", Uri.parse("sip:bob@theSmiths")).toString()).isEqualTo("<sip:10.0.0.1:5060;lr>");
        assertThat(addresses.recordRoute("TCP", Uri.parse("sip:bob@theSmiths")).toString()).isEqualTo("<sip:10.0.0.1:5060;lr;transport=tcp>");
    }

    @Test
    void a_request_for_a_sips_uri_is_record_routed_with_a_sips_uri_as_rfc_3261_16_6_step_4_requires() {
        assertThat(addresses.recordRoute("TLS", Uri.parse("sips:bob@theSmiths")).uri().toString()).startsWith("sips:10.0.0.1:5061");
    }
}
