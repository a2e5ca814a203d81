package org.sipsocial.link.portmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class IgdDescriptionTest {
    private static final URI LOCATION = URI.create("http://10.9.0.1:34773/rootDesc.xml");

    @Test
    void miniupnpdsIgd2DescriptionGivesItsWanIpConnection2AndTheControlUrlResolvedAgainstTheLocation() throws Exception {
        WanConnection service = IgdDescription.wanConnection(UpnpVectors.captured("rootDesc.xml"), LOCATION);
        assertThat(service).isEqualTo(new WanConnection("urn:schemas-upnp-org:service:WANIPConnection:2",
                URI.create("http://10.9.0.1:34773/ctl/IPConn")));
        assertThat(service.version()).isEqualTo(2);
    }

    @Test
    void anIgd1DescriptionWithUrlBaseResolvesAgainstItAndPrefersIpToPpp() throws Exception {
        String description = "<?xml version=\"1.0\"?><root xmlns=\"urn:schemas-upnp-org:device-1-0\">"
                + "<URLBase>http://10.1.0.1:49000/</URLBase><device><deviceList><device><deviceList><device><serviceList>"
                + "<service><serviceType>urn:schemas-upnp-org:service:WANPPPConnection:1</serviceType>"
                + "<controlURL>upnp/control/WANPPPConn1</controlURL></service>"
                + "<service><serviceType>urn:schemas-upnp-org:service:WANIPConnection:1</serviceType>"
                + "<controlURL>/igdupnp/control/WANIPConn1</controlURL></service>"
                + "</serviceList></device></deviceList></device></deviceList></device></root>";
        WanConnection service = IgdDescription.wanConnection(description.getBytes(StandardCharsets.UTF_8),
                URI.create("http://10.1.0.1:49000/igddesc.xml"));
        assertThat(service).isEqualTo(new WanConnection("urn:schemas-upnp-org:service:WANIPConnection:1",
                URI.create("http://10.1.0.1:49000/igdupnp/control/WANIPConn1")));
    }

    @Test
    void aDescriptionWithoutAWanConnectionServiceSaysSo() {
        String description = "<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device><serviceList><service>"
                + "<serviceType>urn:schemas-upnp-org:service:Layer3Forwarding:1</serviceType><controlURL>/ctl/L3F</controlURL>"
                + "</service></serviceList></device></root>";
        assertThatThrownBy(() -> IgdDescription.wanConnection(description.getBytes(StandardCharsets.UTF_8), LOCATION))
                .isInstanceOf(UpnpException.class)
                .hasMessage("the device at " + LOCATION + " offers no WANIPConnection or WANPPPConnection service");
    }

    @Test
    void aDescriptionWithADoctypeIsRefusedSoNoEntityIsEverExpandedOrFetched() {
        String description = "<?xml version=\"1.0\"?><!DOCTYPE root [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + "<root><device><serviceList><service><serviceType>urn:schemas-upnp-org:service:WANIPConnection:1</serviceType>"
                + "<controlURL>&x;</controlURL></service></serviceList></device></root>";
        assertThatThrownBy(() -> IgdDescription.wanConnection(description.getBytes(StandardCharsets.UTF_8), LOCATION))
                .isInstanceOf(UpnpException.class).hasMessageStartingWith("not well-formed XML");
    }

    @Test
    void somethingThatIsNotXmlIsRefused() {
        assertThatThrownBy(() -> IgdDescription.wanConnection("<html><body>Login".getBytes(StandardCharsets.UTF_8), LOCATION))
                .isInstanceOf(UpnpException.class).hasMessageStartingWith("not well-formed XML");
    }
}
