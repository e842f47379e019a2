//! The year's cycle's values in conflict as text (issue 24): a conclusion ("Đề nghị công nhận:
//! lý do") and a decision ("Quyết định số 2878/QĐ-BCA ngày 22/04/2025, Bộ trưởng: 3 phường").

use pkm_core::cycle::{Conclusion, Decision};

use crate::i18n::Lang;

/// A conclusion.
pub fn conclusion(conclusion: &Conclusion, lang: Lang) -> String {
    let word = match (conclusion.proposed, lang) {
        (true, Lang::Vi) => "Đề nghị công nhận",
        (true, Lang::En) => "Proposed for recognition",
        (false, Lang::Vi) => "Không đề nghị công nhận",
        (false, Lang::En) => "Not proposed",
    };
    if conclusion.reason.trim().is_empty() {
        word.to_owned()
    } else {
        format!("{word}: {}", conclusion.reason.trim())
    }
}

/// A decision, with the wards it recognises.
pub fn decision(decision: &Decision, lang: Lang) -> String {
    let wards = if decision.wards.is_empty() {
        String::new()
    } else {
        let ids: Vec<&str> = decision.wards.iter().map(|ward| ward.as_str()).collect();
        format!(" ({})", ids.join(", "))
    };
    match lang {
        Lang::Vi => format!(
            "Quyết định số {} ngày {}, {}: công nhận {} đơn vị{wards}",
            decision.number,
            decision.date.to_vi(),
            decision.signer,
            decision.wards.len()
        ),
        Lang::En => format!(
            "Decision No. {} of {}, {}: recognises {} units{wards}",
            decision.number,
            decision.date.to_vi(),
            decision.signer,
            decision.wards.len()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pkm_core::UnitId;

    #[test]
    fn a_conclusion_and_a_decision_read_as_the_review_screen_says_them() {
        let proposed = Conclusion {
            proposed: true,
            reason: " Đủ điều kiện ".into(),
        };
        assert_eq!(
            conclusion(&proposed, Lang::Vi),
            "Đề nghị công nhận: Đủ điều kiện"
        );
        let not = Conclusion {
            proposed: false,
            reason: String::new(),
        };
        assert_eq!(conclusion(&not, Lang::En), "Not proposed");
        let given = Decision {
            number: "2878/QĐ-BCA".into(),
            date: pkm_core::Date::new(2025, 4, 22).unwrap(),
            signer: "Bộ trưởng".into(),
            wards: [UnitId::new("le-mao").unwrap()].into_iter().collect(),
        };
        assert_eq!(
            decision(&given, Lang::Vi),
            "Quyết định số 2878/QĐ-BCA ngày 22/04/2025, Bộ trưởng: công nhận 1 đơn vị (le-mao)"
        );
    }
}
