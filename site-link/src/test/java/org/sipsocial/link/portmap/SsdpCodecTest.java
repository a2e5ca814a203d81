package org.sipsocial.link.portmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SsdpCodecTest {
    @Test
    void theSearchIsAnMSearchForAnInternetGatewayDeviceOnTheSsdpGroup() {
        assertThat(new String(SsdpCodec.search(), StandardCharsets.US_ASCII)).isEqualTo("M-SEARCH * HTTP/1.1\r\n"
                + "HOST: 239.255.255.250:1900\r\n"
                + "MAN: \"ssdp:discover\"\r\n"
                + "MX: 2\r\n"
                + "ST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\n"
                + "\r\n");
    }

    @Test
    void miniupnpdsAnswerGivesTheDescriptionsLocation() {
        byte[] answer = UpnpVectors.captured("ssdp-response.txt");
        assertThat(SsdpCodec.location(answer, answer.length)).contains(URI.create("http://10.9.0.1:34773/rootDesc.xml"));
    }

    @Test
    void headerNamesAreReadWhateverTheirCase() {
        byte[] answer = ("HTTP/1.1 200 OK\r\nst: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\n"
                + "Location: http://10.1.0.1:5000/desc.xml\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(SsdpCodec.location(answer, answer.length)).contains(URI.create("http://10.1.0.1:5000/desc.xml"));
    }

    @Test
    void anotherControlPointsSearchANotifyAndAnAnswerForAnotherDeviceAreNotAnswers() {
        for (String datagram : new String[] {
                new String(SsdpCodec.search(), StandardCharsets.US_ASCII),
                "NOTIFY * HTTP/1.1\r\nNT: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\nLOCATION: http://10.1.0.1/d.xml\r\n\r\n",
                "HTTP/1.1 200 OK\r\nST: urn:schemas-upnp-org:device:MediaServer:1\r\nLOCATION: http://10.1.0.7/d.xml\r\n\r\n",
                "HTTP/1.1 200 OK\r\nST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\n\r\n",
                "HTTP/1.1 200 OK\r\nST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\nLOCATION: file:///etc/passwd\r\n\r\n"}) {
            byte[] bytes = datagram.getBytes(StandardCharsets.US_ASCII);
            assertThat(SsdpCodec.location(bytes, bytes.length)).as(datagram).isEmpty();
        }
    }

    @Test
    void onlyTheReceivedLengthIsRead() {
        byte[] answer = UpnpVectors.captured("ssdp-response.txt");
        assertThat(SsdpCodec.location(answer, 20)).isEmpty();
    }
}
