package org.sipsocial.link.portmap;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The JDK's XML parser set up for what a router on the LAN sends: namespace-aware, no DOCTYPE (so no entity of any
 * kind, external or expanding), no external DTD or schema fetched. Elements are found by local name: routers differ
 * in their namespace prefixes, and UDA 1.1 §2.3 and §3.2.1 name the elements, not the prefixes.
 */
final class UpnpXml {
    private UpnpXml() {
    }

    /** The parsed document, or an exception that says the document is not well-formed XML. */
    static Document parse(byte[] body) throws UpnpException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
        } catch (SAXException | IOException e) {
            throw new UpnpException("not well-formed XML (" + e.getMessage() + ")");
        }
    }

    /** The first element named {@code localName} under {@code parent} (at any depth), or null. */
    static Element first(Node parent, String localName) {
        NodeList all = parent instanceof Document document ? document.getElementsByTagNameNS("*", localName)
                : ((Element) parent).getElementsByTagNameNS("*", localName);
        return all.getLength() == 0 ? null : (Element) all.item(0);
    }

    /** The trimmed text of the first child element named {@code localName} of {@code parent}, or null. */
    static String childText(Element parent, String localName) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && localName.equals(element.getLocalName())) {
                return element.getTextContent().trim();
            }
        }
        return null;
    }
}
