package uk.nhs.pcn.testsupport.contract;

import java.util.Comparator;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Order;

/**
 * Orders test classes by {@link Order} (looked up the class hierarchy, so a subclass of
 * {@link EventContractConformance} inherits its place at the end), then by name. Quarkus's own class orderer groups
 * the classes that share an application first and applies this within each group; test support's
 * {@code META-INF/microprofile-config.properties} configures it as that secondary orderer.
 */
public class OrderAnnotationThenName implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(OrderAnnotationThenName::order)
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }

    private static int order(ClassDescriptor descriptor) {
        for (Class<?> c = descriptor.getTestClass(); c != null; c = c.getSuperclass()) {
            Order order = c.getAnnotation(Order.class);
            if (order != null) {
                return order.value();
            }
        }
        return Order.DEFAULT;
    }
}
