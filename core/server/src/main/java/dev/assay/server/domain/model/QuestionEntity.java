package dev.assay.server.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A question: what students see. How it is graded lives in {@link QuestionConfigEntity} versions. */
@Entity
@Table(name = "question")
public class QuestionEntity {
    @Id
    private String id;
    @Column(name = "pack_id")
    private String packId;
    private String title;
    private String prompt;
    private double points;
    @Column(name = "plugin_id")
    private String pluginId;
    @Column(name = "current_version")
    private int currentVersion;

    protected QuestionEntity() {
    }

    public QuestionEntity(String id, String packId) {
        this.id = id;
        this.packId = packId;
    }

    public void describe(String title, String prompt, double points) {
        this.title = title;
        this.prompt = prompt;
        this.points = points;
    }

    public void useVersion(int version, String pluginId) {
        this.currentVersion = version;
        this.pluginId = pluginId;
    }

    public String getId() {
        return id;
    }

    public String getPackId() {
        return packId;
    }

    public String getTitle() {
        return title;
    }

    public String getPrompt() {
        return prompt;
    }

    public double getPoints() {
        return points;
    }

    public String getPluginId() {
        return pluginId;
    }

    public int getCurrentVersion() {
        return currentVersion;
    }
}
