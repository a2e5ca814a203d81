package org.sipsocial.link.portmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class IgdSoapTest {
    private static final WanConnection SERVICE = new WanConnection("urn:schemas-upnp-org:service:WANIPConnection:2",
            URI.create("http://10.9.0.1:5000/ctl/IPConn"));

    @Test
    void addPortMappingIsTheEnvelopeUda11Section321DescribesWithTheArgumentsInTheSpecsOrder() throws Exception {
        byte[] request = IgdSoap.addPortMapping(SERVICE, false, MappedProtocol.TCP, 5070, 5070,
                (Inet4Address) InetAddress.getByName("10.9.0.2"), 7200);
        assertThat(new String(request, StandardCharsets.UTF_8)).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">"
                + "<s:Body><u:AddPortMapping xmlns:u=\"urn:schemas-upnp-org:service:WANIPConnection:2\">"
                + "<NewRemoteHost></NewRemoteHost><NewExternalPort>5070</NewExternalPort><NewProtocol>TCP</NewProtocol>"
                + "<NewInternalPort>5070</NewInternalPort><NewInternalClient>10.9.0.2</NewInternalClient>"
                + "<NewEnabled>1</NewEnabled><NewPortMappingDescription>SIPsocial</NewPortMappingDescription>"
                + "<NewLeaseDuration>7200</NewLeaseDuration></u:AddPortMapping></s:Body></s:Envelope>");
        assertThat(IgdSoap.soapAction(SERVICE, "AddPortMapping")).isEqualTo("\"urn:schemas-upnp-org:service:WANIPConnection:2#AddPortMapping\"");
    }

    @Test
    void deletePortMappingNamesTheExternalPortAndProtocol() {
        assertThat(new String(IgdSoap.deletePortMapping(SERVICE, MappedProtocol.UDP, 5070), StandardCharsets.UTF_8))
                .contains("<u:DeletePortMapping xmlns:u=\"urn:schemas-upnp-org:service:WANIPConnection:2\">"
                        + "<NewRemoteHost></NewRemoteHost><NewExternalPort>5070</NewExternalPort><NewProtocol>UDP</NewProtocol>"
                        + "</u:DeletePortMapping>");
    }

    @Test
    void miniupnpdsGetExternalIpAddressResponseGivesTheAddress() throws Exception {
        Element response = IgdSoap.response("GetExternalIPAddress", 200, UpnpVectors.captured("GetExternalIPAddressResponse.xml"));
        assertThat(IgdSoap.externalAddress(response)).isEqualTo(InetAddress.getByName("11.250.42.12"));
    }

    @Test
    void anEmptyExternalAddressAsMiniupnpdSendsWithoutOneIsRefused() throws Exception {
        byte[] empty = ("<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<u:GetExternalIPAddressResponse xmlns:u=\"urn:schemas-upnp-org:service:WANIPConnection:2\">"
                + "<NewExternalIPAddress></NewExternalIPAddress></u:GetExternalIPAddressResponse></s:Body></s:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
        Element response = IgdSoap.response("GetExternalIPAddress", 200, empty);
        assertThatThrownBy(() -> IgdSoap.externalAddress(response)).hasMessage("GetExternalIPAddress: \"\" is not an IPv4 address");
    }

    @Test
    void miniupnpdsAddAndDeleteResponsesAreAnswersToTheirActions() throws Exception {
        assertThat(IgdSoap.response("AddPortMapping", 200, UpnpVectors.captured("AddPortMappingResponse.xml")).getLocalName())
                .isEqualTo("AddPortMappingResponse");
        assertThat(IgdSoap.response("DeletePortMapping", 200, UpnpVectors.captured("DeletePortMappingResponse.xml")).getLocalName())
                .isEqualTo("DeletePortMappingResponse");
    }

    @Test
    void miniupnpdsAddAnyPortMappingResponseGivesTheReservedPort() throws Exception {
        Element response = IgdSoap.response("AddAnyPortMapping", 200, UpnpVectors.captured("AddAnyPortMappingResponse.xml"));
        assertThat(IgdSoap.reservedPort(response)).isEqualTo(5070);
    }

    @Test
    void miniupnpdsFaultGivesTheUpnpErrorCodeAndDescription() {
        assertThatThrownBy(() -> IgdSoap.response("AddPortMapping", 500, UpnpVectors.captured("fault-718.xml")))
                .isInstanceOf(UpnpException.class).hasMessage("AddPortMapping refused: 718 ConflictInMappingEntry")
                .extracting(e -> ((UpnpException) e).errorCode()).isEqualTo(IgdSoap.CONFLICT_IN_MAPPING_ENTRY);
    }

    @Test
    void aFailureWithoutAFaultIsTheHttpStatus() {
        assertThatThrownBy(() -> IgdSoap.response("AddPortMapping", 404, "Not Found".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("AddPortMapping: HTTP 404");
    }

    @Test
    void anAnswerToAnotherActionIsNotTakenForThisOne() {
        assertThatThrownBy(() -> IgdSoap.response("AddPortMapping", 200, UpnpVectors.captured("DeletePortMappingResponse.xml")))
                .hasMessage("AddPortMapping: the router's answer has no AddPortMappingResponse");
    }
}
