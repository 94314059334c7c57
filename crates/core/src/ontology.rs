//! PLOVER 2.0 as tables: categories, modes, quad codes, scores, CAMEO and ACLED
//! equivalents. Sources: `ontology/PLOVER_MANUAL.tex` (score table, mode tables) and
//! `ontology/CAMEO2PLOVER-2021.txt` (CC BY-SA 4.0, Open Event Data Alliance).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A PLOVER 2.0 event category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Category {
    /// Express intent to cooperate, agree to, promise.
    Agree,
    /// Meetings, visits, talks, calls.
    Consult,
    /// Praise, endorse, defend verbally.
    Support,
    /// Yield to demands, apologise, ease restrictions.
    Concede,
    /// Material cooperation (economic, military, judicial, intelligence).
    Cooperate,
    /// Provide aid.
    Aid,
    /// Withdraw, release, disarm, ceasefire, resign.
    Retreat,
    /// Demands and appeals.
    Request,
    /// Disapprove, allege, investigate.
    Accuse,
    /// Reject proposals and demands.
    Reject,
    /// Threats.
    Threaten,
    /// Demonstrations, riots, strikes.
    Protest,
    /// Reduce or break relations, expel, discontinue.
    Sanction,
    /// Mobilise troops, police, weapons.
    Mobilize,
    /// Arrest, seize, restrict, deport.
    Coerce,
    /// Use of force.
    Assault,
}

/// All categories in PLOVER's order (cooperation to conflict).
pub const ALL_CATEGORIES: [Category; 16] = [
    Category::Agree,
    Category::Consult,
    Category::Support,
    Category::Concede,
    Category::Cooperate,
    Category::Aid,
    Category::Retreat,
    Category::Request,
    Category::Accuse,
    Category::Reject,
    Category::Threaten,
    Category::Protest,
    Category::Sanction,
    Category::Mobilize,
    Category::Coerce,
    Category::Assault,
];

impl Category {
    /// Upper-case PLOVER name.
    pub fn as_str(&self) -> &'static str {
        use Category::*;
        match self {
            Agree => "AGREE",
            Consult => "CONSULT",
            Support => "SUPPORT",
            Concede => "CONCEDE",
            Cooperate => "COOPERATE",
            Aid => "AID",
            Retreat => "RETREAT",
            Request => "REQUEST",
            Accuse => "ACCUSE",
            Reject => "REJECT",
            Threaten => "THREATEN",
            Protest => "PROTEST",
            Sanction => "SANCTION",
            Mobilize => "MOBILIZE",
            Coerce => "COERCE",
            Assault => "ASSAULT",
        }
    }

    /// Quad category: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict (PLOVER manual, "Quad category" of each section).
    pub fn quad_code(&self) -> u8 {
        use Category::*;
        match self {
            Agree | Consult | Support | Concede => 1,
            Cooperate | Aid | Retreat => 2,
            Request | Accuse | Reject | Threaten => 3,
            Protest | Sanction | Mobilize | Coerce | Assault => 4,
        }
    }

    /// Modes PLOVER 2.0 defines for the category (manual's mode tables).
    pub fn modes(&self) -> &'static [&'static str] {
        use Category::*;
        match self {
            Consult => &["visit", "third-party", "multilateral", "phone"],
            Retreat => &[
                "withdraw",
                "release",
                "disarm",
                "ceasefire",
                "access",
                "resign",
            ],
            Request | Reject => &["assist", "change", "yield", "meet"],
            Accuse => &["disapprove", "investigate", "allege"],
            Threaten => &[
                "restrict",
                "arrest",
                "relations",
                "expel",
                "territory",
                "violence",
            ],
            Protest => &[
                "demo",
                "riot",
                "strike",
                "hunger",
                "boycott",
                "obstruct",
                "vandalize",
            ],
            Sanction => &["convict", "expel", "withdraw", "discontinue"],
            Mobilize => &["troops", "weapons", "police", "militia"],
            Coerce => &[
                "seize",
                "restrict",
                "censor",
                "curfew",
                "martial-law",
                "arrest",
                "deport",
                "withhold",
                "misinformation",
                "cyber",
            ],
            Assault => &[
                "abduct",
                "beat",
                "torture",
                "sexual",
                "targeted",
                "destroy",
                "primitive",
                "firearms",
                "explosives",
                "suicide-attack",
                "aerial",
                "drone",
                "heavy-weapons",
                "crowd-control",
                "unconventional",
            ],
            Agree | Support | Concede | Cooperate | Aid => &[],
        }
    }

    /// Whether parties of this category typically act on each other (talks, clashes).
    pub fn can_be_reciprocal(&self) -> bool {
        matches!(
            self,
            Category::Consult | Category::Agree | Category::Cooperate | Category::Assault
        )
    }

    /// PLOVER conflict–cooperation score for the category and mode (manual, table
    /// "PLOVER conflict–cooperation scores"); the category's score when the mode has none.
    pub fn scale(&self, mode: Option<&str>) -> f64 {
        use Category::*;
        let by_mode = match (self, mode.unwrap_or("")) {
            (Consult, "visit") => Some(4.0),
            (Consult, "third-party") => Some(1.0),
            (Consult, "multilateral") => Some(4.0),
            (Consult, "phone") => Some(1.5),
            (Retreat, "withdraw") => Some(8.0),
            (Retreat, "release") => Some(6.5),
            (Retreat, "disarm") => Some(10.0),
            (Retreat, "ceasefire") => Some(7.5),
            (Retreat, "access") => Some(6.5),
            (Retreat, "resign") => Some(4.5),
            (Request, "assist") => Some(0.5),
            (Request, "change") | (Request, "yield") => Some(-1.0),
            (Request, "meet") => Some(0.0),
            (Accuse, "disapprove") => Some(-2.0),
            (Accuse, "investigate") | (Accuse, "allege") => Some(-3.5),
            (Reject, "assist") => Some(-1.5),
            (Reject, "change") | (Reject, "yield") | (Reject, "meet") => Some(-2.0),
            (Threaten, "restrict") => Some(-3.0),
            (Threaten, "arrest") | (Threaten, "relations") | (Threaten, "expel") => Some(-3.5),
            (Threaten, "territory") => Some(-4.0),
            (Threaten, "violence") => Some(-3.5),
            (Protest, "demo") | (Protest, "strike") => Some(-5.0),
            (Protest, "riot") => Some(-7.0),
            (Protest, "hunger") | (Protest, "boycott") | (Protest, "obstruct") => Some(-4.5),
            (Sanction, "convict") => Some(-6.0),
            (Sanction, "expel") => Some(-5.5),
            (Sanction, "withdraw") | (Sanction, "discontinue") => Some(-6.0),
            (Mobilize, "troops") | (Mobilize, "weapons") => Some(-6.5),
            (Mobilize, "police") => Some(-5.5),
            (Mobilize, "militia") => Some(-6.0),
            (Coerce, "censor") | (Coerce, "curfew") | (Coerce, "misinformation") => Some(-6.5),
            (Coerce, "martial-law") => Some(-7.5),
            (Coerce, _) if mode.is_some() => Some(-7.0),
            (Assault, "abduct") | (Assault, "torture") | (Assault, "sexual") => Some(-8.5),
            (Assault, "destroy") => Some(-8.5),
            (Assault, "beat") | (Assault, "crowd-control") => Some(-7.5),
            (Assault, "targeted") | (Assault, "suicide-attack") => Some(-9.5),
            (Assault, "aerial") | (Assault, "drone") | (Assault, "heavy-weapons") => Some(-9.5),
            (Assault, "primitive") => Some(-8.0),
            (Assault, "firearms") | (Assault, "explosives") => Some(-9.0),
            (Assault, "unconventional") => Some(-10.0),
            _ => None,
        };
        by_mode.unwrap_or(match self {
            Agree | Consult => 2.5,
            Support => 5.0,
            Concede => 4.5,
            Cooperate => 9.5,
            Aid => 10.0,
            Retreat => 6.5,
            Request => 0.0,
            Accuse => 3.0,
            Reject => -2.0,
            Threaten => -3.5,
            Protest => -5.0,
            Sanction => -6.0,
            Mobilize => -5.5,
            Coerce => -7.0,
            Assault => -9.0,
        })
    }

    /// Closest CAMEO code for category and mode (inverse of CAMEO2PLOVER-2021).
    pub fn default_cameo(&self, mode: Option<&str>) -> &'static str {
        use Category::*;
        match (self, mode.unwrap_or("")) {
            (Agree, _) => "030",
            (Consult, "phone") => "041",
            (Consult, "visit") => "042",
            (Consult, "third-party") => "044",
            (Consult, _) => "040",
            (Support, _) => "051",
            (Concede, _) => "080",
            (Cooperate, _) => "060",
            (Aid, _) => "070",
            (Retreat, "release") => "0841",
            (Retreat, "access") => "086",
            (Retreat, "ceasefire") => "0871",
            (Retreat, "withdraw") => "0872",
            (Retreat, "disarm") => "0873",
            (Retreat, _) => "084",
            (Request, "assist") => "101",
            (Request, "change") => "104",
            (Request, "yield") => "105",
            (Request, "meet") => "106",
            (Request, _) => "100",
            (Accuse, "investigate") => "090",
            (Accuse, "allege") => "112",
            (Accuse, _) => "111",
            (Reject, "assist") => "121",
            (Reject, "change") => "123",
            (Reject, "yield") => "124",
            (Reject, "meet") => "125",
            (Reject, _) => "120",
            (Threaten, "relations") => "1313",
            (Threaten, "restrict") => "1312",
            (Threaten, "expel") => "136",
            (Threaten, "territory") => "1382",
            (Threaten, "violence") => "138",
            (Threaten, _) => "130",
            (Protest, "demo") => "141",
            (Protest, "hunger") => "142",
            (Protest, "strike") | (Protest, "boycott") => "143",
            (Protest, "obstruct") => "144",
            (Protest, "riot") => "145",
            (Protest, _) => "140",
            (Sanction, "withdraw") => "161",
            (Sanction, "discontinue") => "162",
            (Sanction, "expel") => "166",
            (Sanction, _) => "160",
            (Mobilize, "police") => "153",
            (Mobilize, "troops") | (Mobilize, "militia") => "154",
            (Mobilize, _) => "150",
            (Coerce, "seize") => "171",
            (Coerce, "restrict") => "172",
            (Coerce, "censor") => "1721",
            (Coerce, "curfew") => "1723",
            (Coerce, "martial-law") => "1724",
            (Coerce, "arrest") => "173",
            (Coerce, "deport") => "174",
            (Coerce, _) => "170",
            (Assault, "abduct") => "181",
            (Assault, "beat") => "182",
            (Assault, "sexual") => "1821",
            (Assault, "torture") => "1822",
            (Assault, "suicide-attack") => "1831",
            (Assault, "explosives") => "183",
            (Assault, "targeted") => "186",
            (Assault, "destroy") => "1712",
            (Assault, "firearms") => "193",
            (Assault, "heavy-weapons") => "194",
            (Assault, "aerial") | (Assault, "drone") => "195",
            (Assault, "unconventional") => "204",
            (Assault, "crowd-control") => "175",
            (Assault, _) => "190",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Category {
    type Err = String;

    /// Accepts PLOVER 2.0 names and the draft-0.5 names the gold data uses
    /// (FIGHT → ASSAULT, DEMAND → REQUEST, DISAPPROVE and INVESTIGATE → ACCUSE).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let up = s.trim().to_ascii_uppercase();
        if let Some(c) = ALL_CATEGORIES.iter().find(|c| c.as_str() == up) {
            return Ok(*c);
        }
        match up.as_str() {
            "FIGHT" => Ok(Category::Assault),
            "DEMAND" => Ok(Category::Request),
            "DISAPPROVE" | "INVESTIGATE" => Ok(Category::Accuse),
            _ => Err(format!("unknown PLOVER category {s:?}")),
        }
    }
}

/// Parties' shape that decides the ACLED type of a violent event.
#[derive(Debug, Clone, Copy, Default)]
pub struct AcledParties {
    /// Parties act on each other (a clash).
    pub reciprocal: bool,
    /// Some recipient is civilian (sector CVL, or unarmed people).
    pub civilian_target: bool,
    /// Both sides are armed (military, police, rebels).
    pub armed_on_both_sides: bool,
    /// The event happened during a protest (crowd-control against protesters).
    pub against_protesters: bool,
}

/// ACLED event type and sub-event type for the event, where ACLED would code it.
///
/// ACLED codes political violence, demonstrations and a few strategic developments;
/// diplomatic and verbal events map to `None`.
pub fn acled_types(
    category: Category,
    mode: Option<&str>,
    parties: AcledParties,
) -> Option<(&'static str, &'static str)> {
    use Category::*;
    const REMOTE: &str = "Explosions/Remote violence";
    const VAC: &str = "Violence against civilians";
    const SD: &str = "Strategic developments";
    let mode = mode.unwrap_or("");
    match category {
        Assault => Some(match mode {
            "aerial" | "drone" => (REMOTE, "Air/drone strike"),
            "heavy-weapons" => (REMOTE, "Shelling/artillery/missile attack"),
            "explosives" => (REMOTE, "Remote explosive/landmine/IED"),
            "suicide-attack" => (REMOTE, "Suicide bomb"),
            "unconventional" => (REMOTE, "Chemical weapon"),
            "crowd-control" if parties.against_protesters => {
                ("Protests", "Excessive force against protesters")
            }
            "destroy" => (SD, "Looting/property destruction"),
            "sexual" => (VAC, "Sexual violence"),
            "abduct" if parties.civilian_target => (VAC, "Abduction/forced disappearance"),
            _ if parties.civilian_target && !parties.reciprocal => (VAC, "Attack"),
            _ if parties.reciprocal || parties.armed_on_both_sides => ("Battles", "Armed clash"),
            _ => ("Battles", "Armed clash"),
        }),
        Protest => Some(match mode {
            "riot" => ("Riots", "Violent demonstration"),
            _ => ("Protests", "Peaceful protest"),
        }),
        Coerce => match mode {
            "arrest" => Some((SD, "Arrests")),
            "seize" => Some((SD, "Looting/property destruction")),
            _ => None,
        },
        Retreat => match mode {
            "ceasefire" => Some((SD, "Agreement")),
            "withdraw" => Some((SD, "Non-violent transfer of territory")),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_old_and_new_names() {
        assert_eq!("FIGHT".parse::<Category>(), Ok(Category::Assault));
        assert_eq!("disapprove".parse::<Category>(), Ok(Category::Accuse));
        assert_eq!("CONSULT".parse::<Category>(), Ok(Category::Consult));
        assert!("DOCUMENT".parse::<Category>().is_err());
    }

    #[test]
    fn every_mode_has_a_score_and_a_cameo_code() {
        for c in ALL_CATEGORIES {
            assert!((1..=4).contains(&c.quad_code()));
            for m in c.modes() {
                let code = c.default_cameo(Some(m));
                assert!(code.len() >= 2 && code.bytes().all(|b| b.is_ascii_digit()));
                assert!((-10.0..=10.0).contains(&c.scale(Some(m))));
            }
        }
        assert_eq!(Category::Assault.scale(Some("aerial")), -9.5);
        assert_eq!(Category::Consult.scale(None), 2.5);
        assert_eq!(
            Category::Assault.default_cameo(Some("heavy-weapons")),
            "194"
        );
    }

    #[test]
    fn acled_codes_violence_and_protest_only() {
        let p = AcledParties::default();
        assert_eq!(
            acled_types(Category::Assault, Some("drone"), p),
            Some(("Explosions/Remote violence", "Air/drone strike"))
        );
        let civ = AcledParties {
            civilian_target: true,
            ..p
        };
        assert_eq!(
            acled_types(Category::Assault, Some("firearms"), civ),
            Some(("Violence against civilians", "Attack"))
        );
        assert_eq!(acled_types(Category::Consult, Some("phone"), p), None);
        assert_eq!(
            acled_types(Category::Protest, Some("riot"), p).map(|t| t.0),
            Some("Riots")
        );
    }
}
