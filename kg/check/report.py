"""What the checks found, in one shape for SHACL results and reasoning results alike."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: which check, how bad, which node, which property, and what to know."""

    check: str
    severity: str  # "violation" or "warning"
    focus: str
    path: str
    message: str


@dataclass(frozen=True)
class CheckReport:
    """All findings of a check run; the data conforms when none of them is a violation."""

    findings: tuple[Finding, ...]
    reasoned: bool

    @property
    def violations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "violation")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def conforms(self) -> bool:
        return not self.violations
