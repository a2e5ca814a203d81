package org.sipsocial.link.portmap;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The SOAP actions of a WAN connection service that port mapping uses, as UDA 1.1 §3.2 ("Control: Action") frames
 * them, with the arguments of WANIPConnection:2 §2.4 (the same in :1 and WANPPPConnection:1): {@code AddPortMapping},
 * {@code AddAnyPortMapping} (version 2 only: the router picks a free external port), {@code DeletePortMapping} and
 * {@code GetExternalIPAddress}. Pure functions over bytes: requests written with the JDK's XML writer, responses read
 * with {@link UpnpXml}.
 */
public final class IgdSoap {
    static final String ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String ENCODING = "http://schemas.xmlsoap.org/soap/encoding/";
    /** WANIPConnection:2 §2.5 error codes this client acts on. */
    public static final int CONFLICT_IN_MAPPING_ENTRY = 718;
    public static final int ONLY_PERMANENT_LEASES_SUPPORTED = 725;
    /** What the router's list of mappings shows beside ours. */
    static final String DESCRIPTION = "SIPsocial";

    private IgdSoap() {
    }

    /** The SOAPACTION header of an action (UDA 1.1 §3.2.1): the service type, '#', the action name, in quotes. */
    public static String soapAction(WanConnection service, String action) {
        return "\"" + service.serviceType() + "#" + action + "\"";
    }

    public static byte[] getExternalIpAddress(WanConnection service) {
        return envelope(service, "GetExternalIPAddress", Map.of());
    }

    /** {@code addAny}: AddAnyPortMapping (version 2) rather than AddPortMapping; both take the same arguments. */
    public static byte[] addPortMapping(WanConnection service, boolean addAny, MappedProtocol protocol, int externalPort,
                                        int internalPort, Inet4Address internalClient, long leaseSeconds) {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("NewRemoteHost", "");
        arguments.put("NewExternalPort", Integer.toString(externalPort));
        arguments.put("NewProtocol", protocol.name());
        arguments.put("NewInternalPort", Integer.toString(internalPort));
        arguments.put("NewInternalClient", internalClient.getHostAddress());
        arguments.put("NewEnabled", "1");
        arguments.put("NewPortMappingDescription", DESCRIPTION);
        arguments.put("NewLeaseDuration", Long.toString(leaseSeconds));
        return envelope(service, addAny ? "AddAnyPortMapping" : "AddPortMapping", arguments);
    }

    public static byte[] deletePortMapping(WanConnection service, MappedProtocol protocol, int externalPort) {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("NewRemoteHost", "");
        arguments.put("NewExternalPort", Integer.toString(externalPort));
        arguments.put("NewProtocol", protocol.name());
        return envelope(service, "DeletePortMapping", arguments);
    }

    /** UDA 1.1 §3.2.1: the envelope, its body, and the action element in the service's namespace. */
    private static byte[] envelope(WanConnection service, String action, Map<String, String> arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("s", "Envelope", ENVELOPE);
            xml.writeNamespace("s", ENVELOPE);
            xml.writeAttribute("s", ENVELOPE, "encodingStyle", ENCODING);
            xml.writeStartElement("s", "Body", ENVELOPE);
            xml.writeStartElement("u", action, service.serviceType());
            xml.writeNamespace("u", service.serviceType());
            for (Map.Entry<String, String> argument : arguments.entrySet()) {
                xml.writeStartElement(argument.getKey());
                xml.writeCharacters(argument.getValue());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /**
     * The response to {@code action} (UDA 1.1 §3.2.2): for HTTP 200, the {@code <u:actionResponse>} element; for
     * anything else, an exception with the fault's UPnP error code and description when the body carries one.
     */
    public static Element response(String action, int httpStatus, byte[] body) throws UpnpException {
        if (httpStatus != 200) {
            throw fault(action, httpStatus, body);
        }
        Element response = UpnpXml.first(UpnpXml.parse(body), action + "Response");
        if (response == null) {
            throw new UpnpException(action + ": the router's answer has no " + action + "Response");
        }
        return response;
    }

    private static UpnpException fault(String action, int httpStatus, byte[] body) {
        try {
            Document document = UpnpXml.parse(body);
            Element error = UpnpXml.first(document, "UPnPError");
            if (error != null) {
                String code = UpnpXml.childText(error, "errorCode");
                String description = UpnpXml.childText(error, "errorDescription");
                int number = code == null || !code.matches("\\d{1,4}") ? 0 : Integer.parseInt(code);
                return new UpnpException(action + " refused: " + number + " " + (description == null ? "" : description).trim(), number);
            }
        } catch (UpnpException e) {
            // No fault in the body: the HTTP status says what there is to say.
        }
        return new UpnpException(action + ": HTTP " + httpStatus);
    }

    /** GetExternalIPAddress's {@code NewExternalIPAddress}: an IPv4 literal (no name is looked up). */
    public static Inet4Address externalAddress(Element response) throws UpnpException {
        String text = UpnpXml.childText(response, "NewExternalIPAddress");
        if (text == null || !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new UpnpException("GetExternalIPAddress: \"" + text + "\" is not an IPv4 address");
        }
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException | ClassCastException e) {
            throw new UpnpException("GetExternalIPAddress: \"" + text + "\" is not an IPv4 address");
        }
    }

    /** AddAnyPortMapping's {@code NewReservedPort}, the external port the router chose (WANIPConnection:2 §2.4.16). */
    public static int reservedPort(Element response) throws UpnpException {
        String text = UpnpXml.childText(response, "NewReservedPort");
        if (text == null || !text.matches("\\d{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new UpnpException("AddAnyPortMapping: \"" + text + "\" is not a port");
        }
        return Integer.parseInt(text);
    }
}
