"""treatylogic: the legal status of international instruments, stance by stance.

>>> import treatylogic as tl
>>> corpus = tl.load()
>>> r = corpus.resolve("karakhan-1919", stance="roc", at="2024-09-02")
>>> r.status.value, r.valid
('in_force', True)
"""

from .corpus import RuleBase
from .dates import DateSpan, parse_date
from .engine import Corpus, load
from .errors import DateError, Problem, RulesError, TreatyLogicError, UnknownIdError
from .explanation import (
    Comparison,
    Divergence,
    Interval,
    Resolution,
    Step,
    StepKind,
    StepVerdict,
    Timeline,
)
from .loading import bundled_rules
from .models import (
    Actor,
    ConsentKind,
    Doctrine,
    Effect,
    Instrument,
    Match,
    Party,
    Provision,
    Rule,
    RuleFile,
    Stance,
    Variant,
)
from .resolution import compare, diff, resolve, status_table, timeline
from .status import TRANSITIONS, EffectKind, InvalidityMode, Lifecycle, Status, Verdict

__version__ = "0.1.0"

__all__ = [
    "TRANSITIONS",
    "Actor",
    "Comparison",
    "ConsentKind",
    "Corpus",
    "DateError",
    "DateSpan",
    "Divergence",
    "Doctrine",
    "Effect",
    "EffectKind",
    "Instrument",
    "Interval",
    "InvalidityMode",
    "Lifecycle",
    "Match",
    "Party",
    "Problem",
    "Provision",
    "Resolution",
    "Rule",
    "RuleBase",
    "RuleFile",
    "RulesError",
    "Stance",
    "Status",
    "Step",
    "StepKind",
    "StepVerdict",
    "Timeline",
    "TreatyLogicError",
    "UnknownIdError",
    "Variant",
    "Verdict",
    "bundled_rules",
    "compare",
    "diff",
    "load",
    "parse_date",
    "resolve",
    "status_table",
    "timeline",
]
