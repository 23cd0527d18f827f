package io.mailtrail.spring.boot.mail;

import io.mailtrail.tracker.MailTracker;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Puts a tracking proxy around every {@link JavaMailSenderImpl} bean: Boot's auto-configured one and those the
 * application defines. The proxy is a subclass of the bean's own class, so injecting {@code JavaMailSenderImpl}
 * or {@code JavaMailSender} keeps working, and every method but {@code send(...)} reaches the bean unchanged.
 * The tracker is looked up at the first send, not when the bean is created.
 */
public class TrackingMailSenderPostProcessor implements BeanPostProcessor, BeanClassLoaderAware {

    private final ObjectProvider<MailTracker> tracker;
    private final String provider;
    private ClassLoader classLoader = TrackingMailSenderPostProcessor.class.getClassLoader();

    public TrackingMailSenderPostProcessor(ObjectProvider<MailTracker> tracker, String provider) {
        this.tracker = tracker;
        this.provider = provider == null || provider.isBlank() ? "smtp" : provider.trim();
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof JavaMailSenderImpl sender) || bean instanceof TrackedMailSender) {
            return bean;
        }
        ProxyFactory factory = new ProxyFactory(sender);
        factory.setProxyTargetClass(true);
        factory.addInterface(TrackedMailSender.class);
        factory.addAdvice(new TrackingSendInterceptor(sender, tracker::getObject, provider));
        return factory.getProxy(classLoader);
    }
}
