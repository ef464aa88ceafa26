package dev.assay.server.interfaces.rest.dto;

import jakarta.validation.constraints.Size;

/** Why a configuration version is restored (kept with the new version it makes). */
public record RestoreBody(@Size(max = 500) String reason) {
}
