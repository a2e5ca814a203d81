/**
 * What this site knows of the NAT in front of it (issue 15), learned from what its peers report: the address and
 * port each sees it from when this site dials it from the link port ({@link SeenFromReports}), judged into one of
 * the behaviours of RFC 4787 §4.1 that decide which links can come up directly ({@link NatBehaviour},
 * {@link NatVerdict}), and said plainly, with what would fix a link that cannot.
 */
package org.sipsocial.link.nat;
