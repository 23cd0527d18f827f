package io.mailtrail.spring.boot.app;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/** The application's own mail code, as it would be written without mailtrail. */
@Service
public class Mailer {

    private final JavaMailSender sender;

    public Mailer(JavaMailSender sender) {
        this.sender = sender;
    }

    public void welcome(String to) {
        SimpleMailMessage m = new SimpleMailMessage();
        m.setFrom("shop@example.com");
        m.setTo(to);
        m.setSubject("Welcome, " + to);
        m.setText("Hello!");
        sender.send(m);
    }

    public void receipt(String to) {
        sender.send(mime -> {
            MimeMessageHelper h = new MimeMessageHelper(mime, "UTF-8");
            h.setFrom("billing@example.com");
            h.setTo(to);
            h.setSubject("Your receipt");
            h.setText("<p>Thanks</p>", true);
        });
    }

    public void newsletter(String... to) throws MessagingException {
        MimeMessage[] all = new MimeMessage[to.length];
        for (int i = 0; i < to.length; i++) {
            MimeMessageHelper h = new MimeMessageHelper(all[i] = sender.createMimeMessage());
            h.setFrom("news@example.com");
            h.setTo(to[i]);
            h.setSubject("News");
            h.setText("News of the week");
        }
        sender.send(all);
    }
}
