package uk.nhs.pcn.deployment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The repository's root pom.xml: the modules it builds and the properties it sets. */
public final class RootPom {

    private final Element project;

    private RootPom(Element project) {
        this.project = project;
    }

    public static RootPom read(Path repo) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document pom = factory.newDocumentBuilder().parse(repo.resolve("pom.xml").toFile());
            return new RootPom(pom.getDocumentElement());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("Cannot read " + repo.resolve("pom.xml"), e);
        }
    }

    /** The module folders, relative to the repository root, in build order. */
    public List<String> modules() {
        return children(child(project, "modules")).stream()
                .filter(element -> element.getTagName().equals("module"))
                .map(element -> element.getTextContent().trim())
                .toList();
    }

    public String property(String name) {
        return child(child(project, "properties"), name).getTextContent().trim();
    }

    private static Element child(Element parent, String name) {
        return children(parent).stream()
                .filter(element -> element.getTagName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The root pom.xml has no <" + name + "> in <"
                        + parent.getTagName() + ">"));
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }
}
