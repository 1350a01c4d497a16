"""The credibility model: standardised features → logistic regression → Platt calibration,
fitted with scikit-learn and saved as plain JSON (no pickle) that rebuilds an identical predictor."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..errors import ModelError
from .features import FEATURES

__all__ = ["CredibilityModel", "fit_model", "save_model", "load_model", "default_model_path",
           "FORMAT", "VERSION"]

FORMAT = "warledger-credibility"
VERSION = 1
DEFAULT_C = 0.3  # strong L2 shrinkage: ~400 training rows and labels that are noisy
# Logit weights for features the training data never shows (FA-KES predates every reference
# ledger we ship, so ref_* are all zero there): a reference ledger's word should still count.
PRIOR_COEF = {"ref_supported": 1.0, "ref_partly": 0.3, "ref_contradicted": -1.5}
# The direction each feature may push the score (+1 more credible, -1 less, 0 either way).
# Every verdict is read as reasons, so a fitted weight that points against its reason
# ("loaded framing" making a report MORE credible) is noise the reader would be misled by:
# such features are dropped and the model refitted (see fit_model).
EXPECTED_SIGN = {
    "single_source": -1, "n_other_sources": 1, "same_camp_agree": 1, "other_camp_agree": 1,
    "figures_disagree": -1, "attr_monitor": 1, "attr_official": 0, "attr_activists": 0,
    "attr_none": -1, "hedging": -1, "no_figure": -1, "killed_log": 0, "round_figure": -1,
    "place_specific": 1, "date_explicit": 1, "loaded_pro_government": -1, "loaded_opposition": -1,
    "camp_pro_government": 0, "camp_opposition": 0, "camp_unknown": 0,
    "ref_supported": 1, "ref_partly": 1, "ref_contradicted": -1,
}


@dataclass
class CredibilityModel:
    """A fitted, calibrated linear model; `predict_proba` is pure numpy on the stored numbers."""

    features: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    calib_a: float  # P(credible) = 1 / (1 + exp(a * logit + b))  (Platt, as scikit-learn)
    calib_b: float
    threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)
    sklearn_estimator: Any = field(default=None, repr=False, compare=False)  # set when just fitted

    # ----------------------------------------------------------------- prediction
    def _z(self, X: np.ndarray) -> np.ndarray:
        return (np.asarray(X, dtype=float) - np.asarray(self.mean)) / np.asarray(self.scale)

    def decision_function(self, X: Sequence[Sequence[float]]) -> np.ndarray:
        return self._z(np.atleast_2d(np.asarray(X, dtype=float))) @ np.asarray(self.coef) + self.intercept

    def predict_proba(self, X: Sequence[Sequence[float]]) -> np.ndarray:
        """P(credible) for each row of X (features in `self.features` order)."""
        f = self.decision_function(X)
        return 1.0 / (1.0 + np.exp(self.calib_a * f + self.calib_b))

    def predict(self, X: Sequence[Sequence[float]]) -> np.ndarray:
        return (self.predict_proba(X) >= self.threshold).astype(int)

    def contributions(self, x: Sequence[float]) -> list[float]:
        """Each feature's push on the calibrated logit relative to the average training row:
        coefficient × standardised value × calibration slope (positive = more credible)."""
        z = self._z(np.asarray(x, dtype=float))
        return [float(-self.calib_a * c * v) for c, v in zip(self.coef, z)]

    # ----------------------------------------------------------------- JSON
    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "version": VERSION, "kind": "logistic+sigmoid",
            "features": list(self.features),
            "scaler": {"mean": [float(x) for x in self.mean], "scale": [float(x) for x in self.scale]},
            "coef": [float(x) for x in self.coef], "intercept": float(self.intercept),
            "calibration": {"method": "sigmoid", "a": float(self.calib_a), "b": float(self.calib_b)},
            "threshold": float(self.threshold), "meta": self.meta,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any], *, source: str = "model") -> "CredibilityModel":
        if not isinstance(d, dict) or d.get("format") != FORMAT:
            raise ModelError(f"{source}: not a warledger credibility model (no \"format\": \"{FORMAT}\")")
        if d.get("version") != VERSION:
            raise ModelError(f"{source}: model version {d.get('version')!r}, this warledger reads "
                             f"version {VERSION}; retrain with `warledger verify train`")
        try:
            feats = [str(x) for x in d["features"]]
            m = cls(features=feats, mean=[float(x) for x in d["scaler"]["mean"]],
                    scale=[float(x) for x in d["scaler"]["scale"]], coef=[float(x) for x in d["coef"]],
                    intercept=float(d["intercept"]), calib_a=float(d["calibration"]["a"]),
                    calib_b=float(d["calibration"]["b"]), threshold=float(d.get("threshold", 0.5)),
                    meta=dict(d.get("meta") or {}))
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"{source}: malformed model file ({type(exc).__name__}: {exc})") from None
        n = len(feats)
        if not (len(m.mean) == len(m.scale) == len(m.coef) == n):
            raise ModelError(f"{source}: {n} features but {len(m.coef)} coefficients")
        unknown = [f for f in feats if f not in FEATURES]
        if unknown:
            raise ModelError(f"{source}: unknown feature(s) {', '.join(unknown)}; retrain with "
                             "`warledger verify train`")
        if any(s == 0 or not math.isfinite(s) for s in m.scale):
            raise ModelError(f"{source}: a feature scale is zero or not finite")
        return m


def fit_model(X: Sequence[Sequence[float]], y: Sequence[int], *, features: Sequence[str] = FEATURES,
              C: float = DEFAULT_C, cv: int = 5, seed: int = 0,
              meta: dict[str, Any] | None = None, signs: dict[str, int] | None = None) -> CredibilityModel:
    """Fit scaler + logistic regression on all rows and a sigmoid calibration on
    cross-validated decision values (CalibratedClassifierCV with ensemble=False).

    Sign-constrained: while a feature's push on the calibrated score points against its
    EXPECTED_SIGN, the worst such feature is dropped (weight 0) and the model refitted.
    """
    import sklearn

    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=int)
    if len(set(y.tolist())) < 2:
        raise ModelError("training needs both credible (1) and fake (0) labels")
    signs = EXPECTED_SIGN if signs is None else signs
    features = list(features)
    mean = X.mean(axis=0) if len(X) else np.zeros(len(features))
    std = X.std(axis=0) if len(X) else np.ones(len(features))
    scale = [float(s) if s > 0 else 1.0 for s in std]
    constant = {j for j in range(len(features)) if np.ptp(X[:, j]) == 0}
    active = [j for j in range(len(features)) if j not in constant]
    dropped: list[str] = []
    coef = [0.0] * len(features)
    intercept, calib_a, calib_b, est = 0.0, 0.0, _logit_b(y), None
    while active:
        fit = _fit_calibrated(X[:, active], y, C=C, cv=cv, seed=seed)
        pipe_coef, intercept, calib_a, calib_b, est = fit
        # push on the calibrated logit per standardised unit: -a * w
        wrong = [(signs.get(features[j], 0) * -calib_a * w, j) for w, j in zip(pipe_coef, active)
                 if signs.get(features[j], 0) * -calib_a * w < 0]
        if not wrong:
            coef = [0.0] * len(features)
            for w, j in zip(pipe_coef, active):
                coef[j] = float(w)
            break
        worst = min(wrong)[1]
        active.remove(worst)
        dropped.append(features[worst])
    else:  # nothing left: the base rate alone
        coef, intercept, calib_a, calib_b = [0.0] * len(features), 0.0, 0.0, _logit_b(y)
    priors = {}
    for j, name in enumerate(features):
        if name in PRIOR_COEF and j in constant and float(mean[j]) == 0.0:
            # features the training data never shows (mean 0, scale 1): a fixed push of that
            # size on the calibrated logit, folded through the calibration's slope
            slope = -calib_a
            if abs(slope) < 1e-3:  # a flat calibration would swallow the prior
                slope = 1e-3 if slope >= 0 else -1e-3
            coef[j] = PRIOR_COEF[name] / slope
            priors[name] = PRIOR_COEF[name]
    return CredibilityModel(
        features=features, mean=[float(x) for x in mean], scale=scale, coef=coef,
        intercept=float(intercept), calib_a=float(calib_a), calib_b=float(calib_b),
        meta={"sklearn": sklearn.__version__, "C": C, "n_train": int(len(y)),
              "n_credible": int(y.sum()), "prior_coef": priors,
              "dropped_against_expected_sign": dropped,
              "fitted_features": [features[j] for j in active], **(meta or {})},
        sklearn_estimator=est,
    )


def _logit_b(y: np.ndarray) -> float:
    """Platt b of a constant model predicting the base rate: P = 1 / (1 + exp(b))."""
    p = min(max(float(np.mean(y)), 1e-6), 1 - 1e-6)
    return math.log((1 - p) / p)


def _fit_calibrated(X: np.ndarray, y: np.ndarray, *, C: float, cv: int, seed: int):
    """(coef on standardised X, intercept, Platt a, Platt b, estimator)."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    n_min = int(min(np.bincount(y, minlength=2)))
    folds = max(2, min(cv, n_min))
    base = make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=2000))
    cal = CalibratedClassifierCV(base, method="sigmoid", ensemble=False,
                                 cv=StratifiedKFold(folds, shuffle=True, random_state=seed))
    cal.fit(X, y)
    cc = cal.calibrated_classifiers_[0]
    lr, calibrator = cc.estimator[-1], cc.calibrators[0]
    return ([float(x) for x in lr.coef_[0]], float(lr.intercept_[0]), float(calibrator.a_),
            float(calibrator.b_), cal)


def save_model(model: CredibilityModel, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model.to_dict(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def default_model_path() -> Path:
    return Path(str(resources.files(__package__) / "data" / "default_model.json"))


def load_model(path: str | Path | None = None) -> CredibilityModel:
    """Read a model file (default: the shipped one, trained on the FA-KES development half)."""
    p = Path(path) if path is not None else default_model_path()
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{p}: no such model file; train one with `warledger verify train`") from None
    except json.JSONDecodeError as exc:
        raise ModelError(f"{p}: not JSON ({exc.msg} at line {exc.lineno})") from None
    return CredibilityModel.from_dict(data, source=str(p))
