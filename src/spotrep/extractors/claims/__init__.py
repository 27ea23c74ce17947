"""Claims: who said what, through which channel, about which events (attribution), with the
speakers resolved (speakers) and the quoted words found (quotes)."""

from spotrep.extractors.claims.attribution import (
    ClaimResources,
    find_claims,
    load,
    speech_verbs,
)

__all__ = ["ClaimResources", "find_claims", "load", "speech_verbs"]
