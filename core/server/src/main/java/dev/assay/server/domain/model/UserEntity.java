package dev.assay.server.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A person, known by an opaque id from the platform (LTI's sub); Assay stores no more than it is given. */
@Entity
@Table(name = "app_user")
public class UserEntity {
    @Id
    @SequenceGenerator(name = "app_user_seq", sequenceName = "app_user_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "app_user_seq")
    private Long id;
    @Column(name = "platform_user_id")
    private String platformUserId;
    @Column(name = "display_name")
    private String displayName;
    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    protected UserEntity() {
    }

    public UserEntity(String platformUserId, OffsetDateTime createdAt) {
        this.platformUserId = platformUserId;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getPlatformUserId() {
        return platformUserId;
    }

    public String getDisplayName() {
        return displayName;
    }
}
