"""Claims: who said what, through which channel, about which events (attribution), from the
parts around each cue verb (cues), with speakers resolved (speakers) and quoted words (quotes).
"""

from spotrep.extractors.claims.attribution import find_claims
from spotrep.extractors.claims.cues import ClaimResources, load, speech_verbs

__all__ = ["ClaimResources", "find_claims", "load", "speech_verbs"]
