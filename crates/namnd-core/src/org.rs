//! The organisation a budget line belongs to, and account groups (*kontogrupper*).

use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::str::FromStr;

use crate::{CoreError, Result};

/// One unit in the organisation: a code as the ledger writes it, and an
/// optional name for reports.
///
/// Units are compared by code only; the name is presentation.
///
/// # Example
/// ```
/// use namnd_core::OrgUnit;
/// let u = OrgUnit::new("ÄF")?.with_name("Äldreomsorgsförvaltningen");
/// assert_eq!(u.code(), "ÄF");
/// assert_eq!(u.name(), Some("Äldreomsorgsförvaltningen"));
/// assert_eq!(u, OrgUnit::new("ÄF")?);
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "OrgUnitRepr", into = "OrgUnitRepr")
)]
pub struct OrgUnit {
    code: String,
    name: Option<String>,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct OrgUnitRepr {
    code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

#[cfg(feature = "serde")]
impl TryFrom<OrgUnitRepr> for OrgUnit {
    type Error = CoreError;
    fn try_from(r: OrgUnitRepr) -> Result<Self> {
        let unit = OrgUnit::new(r.code)?;
        Ok(match r.name {
            Some(name) => unit.with_name(name),
            None => unit,
        })
    }
}

#[cfg(feature = "serde")]
impl From<OrgUnit> for OrgUnitRepr {
    fn from(u: OrgUnit) -> Self {
        OrgUnitRepr {
            code: u.code,
            name: u.name,
        }
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for OrgUnit {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OrgUnit".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        OrgUnitRepr::json_schema(generator)
    }
}

impl OrgUnit {
    /// A unit with `code` (trimmed) and no name; add one with [`OrgUnit::with_name`].
    ///
    /// # Errors
    /// [`CoreError::InvalidUnitCode`] if the code is empty or contains `/`
    /// (the path separator) or a control character.
    ///
    /// # Example
    /// ```
    /// use namnd_core::OrgUnit;
    /// assert!(OrgUnit::new("SN/SOF").is_err());
    /// assert_eq!(OrgUnit::new(" 4410 ")?.code(), "4410");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn new(code: impl Into<String>) -> Result<OrgUnit> {
        let raw: String = code.into();
        let code = raw.trim();
        let reason = if code.is_empty() {
            Some("a unit code cannot be empty")
        } else if code.contains('/') {
            Some("a unit code cannot contain '/', which separates the levels of a path")
        } else if code.chars().any(char::is_control) {
            Some("a unit code cannot contain control characters")
        } else {
            None
        };
        if let Some(reason) = reason {
            return Err(CoreError::InvalidUnitCode {
                code: crate::error::echo(&raw),
                reason,
            });
        }
        Ok(OrgUnit {
            code: code.to_owned(),
            name: None,
        })
    }

    /// The same unit with a name for reports.
    ///
    /// # Example
    /// ```
    /// use namnd_core::OrgUnit;
    /// let u = OrgUnit::new("HT1")?.with_name("Hemtjänst Norr");
    /// assert_eq!(u.name(), Some("Hemtjänst Norr"));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[must_use]
    pub fn with_name(mut self, name: impl Into<String>) -> OrgUnit {
        self.name = Some(name.into());
        self
    }

    /// The unit's code.
    ///
    /// # Example
    /// ```
    /// use namnd_core::OrgUnit;
    /// assert_eq!(OrgUnit::new("SOF")?.code(), "SOF");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The unit's name, if known.
    ///
    /// # Example
    /// ```
    /// use namnd_core::OrgUnit;
    /// assert_eq!(OrgUnit::new("SN")?.with_name("Socialnämnden").name(), Some("Socialnämnden"));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The name if known, else the code.
    ///
    /// # Example
    /// ```
    /// use namnd_core::OrgUnit;
    /// assert_eq!(OrgUnit::new("IFO")?.label(), "IFO");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn label(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.code)
    }
}

impl PartialEq for OrgUnit {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for OrgUnit {}

impl Hash for OrgUnit {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.code.hash(state);
    }
}

impl PartialOrd for OrgUnit {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for OrgUnit {
    fn cmp(&self, other: &Self) -> Ordering {
        self.code.cmp(&other.code)
    }
}

/// Where a budget line sits in the organisation: a path of units of any depth,
/// typically *nämnd* (committee) → *förvaltning* (administration) →
/// *verksamhetsområde* (department) → *verksamhet* (activity) → *enhet* (unit,
/// cost centre).
///
/// Paths are written with `/` between codes (`SN/SOF/ÄO/HT1`) and compare by
/// codes. A path has at least one unit.
///
/// # Example
/// ```
/// use namnd_core::UnitPath;
///
/// let unit: UnitPath = "VON/ÄF/Hemtjänst/HT Norr".parse()?;
/// let department: UnitPath = "VON/ÄF".parse()?;
/// assert_eq!(unit.depth(), 4);
/// assert!(department.is_ancestor_of(&unit));
/// assert_eq!(unit.truncated(2), Some(department));
/// assert_eq!(unit.to_string(), "VON/ÄF/Hemtjänst/HT Norr");
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "Vec<OrgUnit>", into = "Vec<OrgUnit>")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct UnitPath {
    units: Vec<OrgUnit>,
}

impl UnitPath {
    /// A path from the top unit down.
    ///
    /// # Errors
    /// [`CoreError::EmptyUnitPath`] if `units` is empty.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{OrgUnit, UnitPath};
    /// let path = UnitPath::new(vec![
    ///     OrgUnit::new("SN")?.with_name("Socialnämnden"),
    ///     OrgUnit::new("IFO")?.with_name("Individ- och familjeomsorg"),
    /// ])?;
    /// assert_eq!(path.to_string(), "SN/IFO");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn new(units: Vec<OrgUnit>) -> Result<UnitPath> {
        if units.is_empty() {
            return Err(CoreError::EmptyUnitPath);
        }
        Ok(UnitPath { units })
    }

    /// A path of one unit: the top of a hierarchy.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{OrgUnit, UnitPath};
    /// let top = UnitPath::root(OrgUnit::new("VON")?);
    /// assert_eq!(top.depth(), 1);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn root(unit: OrgUnit) -> UnitPath {
        UnitPath { units: vec![unit] }
    }

    /// This path extended by one level.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{OrgUnit, UnitPath};
    /// let sof: UnitPath = "VON/SOF".parse()?;
    /// let ifo = sof.child(OrgUnit::new("IFO")?);
    /// assert_eq!(ifo.parent(), Some(sof));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[must_use]
    pub fn child(&self, unit: OrgUnit) -> UnitPath {
        let mut units = self.units.clone();
        units.push(unit);
        UnitPath { units }
    }

    /// The units from the top down.
    ///
    /// # Example
    /// ```
    /// use namnd_core::UnitPath;
    /// let p: UnitPath = "SN/SOF".parse()?;
    /// assert_eq!(p.units().len(), 2);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn units(&self) -> &[OrgUnit] {
        &self.units
    }

    /// The lowest unit of the path.
    ///
    /// # Example
    /// ```
    /// use namnd_core::UnitPath;
    /// let p: UnitPath = "SN/SOF/IFO".parse()?;
    /// assert_eq!(p.leaf().code(), "IFO");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn leaf(&self) -> &OrgUnit {
        // Every constructor rejects an empty path, so the fallback is never used.
        self.units.last().unwrap_or(&NO_UNIT)
    }

    /// The number of levels.
    ///
    /// # Example
    /// ```
    /// use namnd_core::UnitPath;
    /// assert_eq!("SN".parse::<UnitPath>()?.depth(), 1);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn depth(&self) -> usize {
        self.units.len()
    }

    /// The path one level up, or `None` at the top.
    ///
    /// # Example
    /// ```
    /// use namnd_core::UnitPath;
    /// assert_eq!("SN".parse::<UnitPath>()?.parent(), None);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn parent(&self) -> Option<UnitPath> {
        self.truncated(self.depth().checked_sub(1)?)
    }

    /// The first `depth` levels of this path (`None` if `depth` is 0 or deeper
    /// than the path): the roll-up key at that level.
    ///
    /// # Example
    /// ```
    /// use namnd_core::UnitPath;
    /// let p: UnitPath = "SN/SOF/IFO".parse()?;
    /// assert_eq!(p.truncated(1), Some("SN".parse()?));
    /// assert_eq!(p.truncated(4), None);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn truncated(&self, depth: usize) -> Option<UnitPath> {
        if depth == 0 {
            return None;
        }
        self.units.get(..depth).map(|units| UnitPath {
            units: units.to_vec(),
        })
    }

    /// Every path from the top down to this one, this one included.
    ///
    /// # Example
    /// ```
    /// use namnd_core::UnitPath;
    /// let p: UnitPath = "SN/SOF/IFO".parse()?;
    /// let levels: Vec<String> = p.ancestors().map(|a| a.to_string()).collect();
    /// assert_eq!(levels, ["SN", "SN/SOF", "SN/SOF/IFO"]);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn ancestors(&self) -> impl Iterator<Item = UnitPath> + '_ {
        (1..=self.depth()).filter_map(|d| self.truncated(d))
    }

    /// Whether `self` is `other` or lies above it.
    ///
    /// # Example
    /// ```
    /// use namnd_core::UnitPath;
    /// let p: UnitPath = "SN/SOF".parse()?;
    /// assert!(p.is_ancestor_of(&"SN/SOF/IFO".parse()?));
    /// assert!(p.is_ancestor_of(&p));
    /// assert!(!p.is_ancestor_of(&"SN/ÄF".parse()?));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn is_ancestor_of(&self, other: &UnitPath) -> bool {
        other.units.starts_with(&self.units)
    }
}

/// The fallback of [`UnitPath::leaf`] for an empty path, which no constructor builds.
static NO_UNIT: OrgUnit = OrgUnit {
    code: String::new(),
    name: None,
};

impl TryFrom<Vec<OrgUnit>> for UnitPath {
    type Error = CoreError;
    fn try_from(units: Vec<OrgUnit>) -> Result<Self> {
        UnitPath::new(units)
    }
}

impl From<UnitPath> for Vec<OrgUnit> {
    fn from(path: UnitPath) -> Self {
        path.units
    }
}

impl fmt::Display for UnitPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, unit) in self.units.iter().enumerate() {
            if i > 0 {
                f.write_str("/")?;
            }
            f.write_str(&unit.code)?;
        }
        Ok(())
    }
}

impl FromStr for UnitPath {
    type Err = CoreError;

    /// Reads codes separated by `/`, without names.
    fn from_str(s: &str) -> Result<Self> {
        let units = s.split('/').map(OrgUnit::new).collect::<Result<Vec<_>>>()?;
        UnitPath::new(units)
    }
}

/// An account number (*kontonummer*) from the ledger: 2 to 10 digits.
/// Kommun-Bas accounts have four digits; municipalities often add a fifth or
/// sixth for detail (`46100`), which keeps the leading digits' meaning.
///
/// # Example
/// ```
/// use namnd_core::Account;
/// let a: Account = "4610".parse()?;
/// assert_eq!(a.prefix(2), Some(46));
/// assert_eq!(a.to_string(), "4610");
/// assert!("46a0".parse::<Account>().is_err());
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Account {
    number: u64,
    digits: u8,
}

impl Account {
    /// The account's digits as a number.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Account;
    /// assert_eq!("5011".parse::<Account>()?.number(), 5011);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn number(&self) -> u64 {
        self.number
    }

    /// How many digits the account has.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Account;
    /// assert_eq!("46100".parse::<Account>()?.len(), 5);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[allow(clippy::len_without_is_empty)] // An account is never empty.
    pub fn len(&self) -> usize {
        usize::from(self.digits)
    }

    /// The first `digits` digits, or `None` if the account is shorter.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Account;
    /// let a: Account = "79120".parse()?;
    /// assert_eq!(a.prefix(3), Some(791));
    /// assert_eq!(a.prefix(6), None);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn prefix(&self, digits: usize) -> Option<u64> {
        let drop = self.len().checked_sub(digits)?;
        let divisor = 10_u64.checked_pow(u32::try_from(drop).ok()?)?;
        Some(self.number / divisor)
    }
}

impl fmt::Display for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:0width$}", self.number, width = self.len())
    }
}

impl FromStr for Account {
    type Err = CoreError;

    fn from_str(s: &str) -> Result<Self> {
        let start = s.len() - s.trim_start().len();
        let t = s.trim();
        let err = |offset: usize, reason| CoreError::InvalidAccount {
            input: crate::error::echo(s),
            position: start + offset + 1,
            reason,
        };
        if let Some(offset) = t.bytes().position(|b| !b.is_ascii_digit()) {
            return Err(err(offset, "an account has only digits"));
        }
        let too_long = err(t.len().min(10), "an account has 2 to 10 digits");
        if !(2..=10).contains(&t.len()) {
            return Err(too_long);
        }
        let number = t.parse::<u64>().map_err(|_| too_long.clone())?;
        let digits = u8::try_from(t.len()).map_err(|_| too_long)?;
        Ok(Account { number, digits })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Account {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> core::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Account {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> core::result::Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Account {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Account".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{2,10}$",
            "description": "An account number (kontonummer), 2 to 10 digits."
        })
    }
}

/// An account group (*kontogrupp*), the dimension budget follow-up is shown by.
///
/// # Example
/// ```
/// use namnd_core::AccountGroup;
/// let g: AccountGroup = "Köp av verksamhet".parse()?;
/// assert_eq!(g, AccountGroup::PurchasedServices);
/// assert!(g.is_cost());
/// assert_eq!(AccountGroup::FeeIncome.swedish(), "avgiftsintäkter");
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum AccountGroup {
    /// *Avgiftsintäkter*: fee income (user fees, taxor och avgifter).
    FeeIncome,
    /// *Bidragsintäkter*: grant income (state grants, Försäkringskassan).
    GrantIncome,
    /// *Övriga intäkter*: other income (sales, rents received). Not the same as a
    /// table column that calls all non-allocation income "övriga intäkter".
    OtherIncome,
    /// *Personalkostnader*: staff costs (pay, social charges, pensions).
    StaffCosts,
    /// *Lokalkostnader*: premises costs (rents, property costs, energy).
    PremisesCosts,
    /// *Köp av verksamhet*: purchased services (placements, contracted providers).
    PurchasedServices,
    /// *Övriga kostnader*: other operating costs.
    OtherCosts,
    /// *Kapitalkostnader*: capital costs (depreciation and internal interest).
    CapitalCosts,
    /// *Anslag* / *kommunbidrag*: the net allocation from the council (KF).
    Allocation,
}

impl AccountGroup {
    /// Every group, income first, then costs, then the allocation.
    ///
    /// # Example
    /// ```
    /// use namnd_core::AccountGroup;
    /// assert_eq!(AccountGroup::ALL.len(), 9);
    /// ```
    pub const ALL: &'static [AccountGroup] = &[
        AccountGroup::FeeIncome,
        AccountGroup::GrantIncome,
        AccountGroup::OtherIncome,
        AccountGroup::StaffCosts,
        AccountGroup::PremisesCosts,
        AccountGroup::PurchasedServices,
        AccountGroup::OtherCosts,
        AccountGroup::CapitalCosts,
        AccountGroup::Allocation,
    ];

    /// The Swedish name, lowercase: `personalkostnader`, `köp av verksamhet`, …
    ///
    /// # Example
    /// ```
    /// use namnd_core::AccountGroup;
    /// assert_eq!(AccountGroup::Allocation.swedish(), "anslag");
    /// ```
    pub fn swedish(self) -> &'static str {
        match self {
            AccountGroup::FeeIncome => "avgiftsintäkter",
            AccountGroup::GrantIncome => "bidragsintäkter",
            AccountGroup::OtherIncome => "övriga intäkter",
            AccountGroup::StaffCosts => "personalkostnader",
            AccountGroup::PremisesCosts => "lokalkostnader",
            AccountGroup::PurchasedServices => "köp av verksamhet",
            AccountGroup::OtherCosts => "övriga kostnader",
            AccountGroup::CapitalCosts => "kapitalkostnader",
            AccountGroup::Allocation => "anslag",
        }
    }

    /// Whether this is an income group (not counting the allocation).
    ///
    /// # Example
    /// ```
    /// use namnd_core::AccountGroup;
    /// assert!(AccountGroup::GrantIncome.is_income());
    /// assert!(!AccountGroup::Allocation.is_income());
    /// ```
    pub fn is_income(self) -> bool {
        matches!(
            self,
            AccountGroup::FeeIncome | AccountGroup::GrantIncome | AccountGroup::OtherIncome
        )
    }

    /// Whether this is a cost group.
    ///
    /// # Example
    /// ```
    /// use namnd_core::AccountGroup;
    /// assert!(AccountGroup::CapitalCosts.is_cost());
    /// ```
    pub fn is_cost(self) -> bool {
        !self.is_income() && self != AccountGroup::Allocation
    }
}

impl fmt::Display for AccountGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.swedish())
    }
}

impl FromStr for AccountGroup {
    type Err = CoreError;

    /// Reads the Swedish name (any case, with or without å/ä/ö, hyphens or
    /// underscores for spaces) or `kommunbidrag` for the allocation.
    fn from_str(s: &str) -> Result<Self> {
        let fold = |t: &str| -> String {
            t.trim()
                .to_lowercase()
                .chars()
                .map(|c| match c {
                    'å' | 'ä' => 'a',
                    'ö' => 'o',
                    '-' | '_' => ' ',
                    other => other,
                })
                .collect()
        };
        let wanted = fold(s);
        if wanted == "kommunbidrag" {
            return Ok(AccountGroup::Allocation);
        }
        AccountGroup::ALL
            .iter()
            .copied()
            .find(|g| fold(g.swedish()) == wanted)
            .ok_or_else(|| CoreError::UnknownAccountGroup {
                input: crate::error::echo(s),
            })
    }
}

/// One rule of an [`AccountMapping`]: accounts whose first `digits` digits lie
/// in `from..=to` belong to `group`.
///
/// # Example
/// ```
/// use namnd_core::{AccountGroup, AccountRule};
/// let staff = AccountRule::new("50", "59", AccountGroup::StaffCosts)?;
/// assert!(staff.matches(&"5011".parse()?));
/// assert!(!staff.matches(&"4610".parse()?));
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "AccountRuleRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct AccountRule {
    from: Account,
    to: Account,
    group: AccountGroup,
}

/// The serialised form of an [`AccountRule`], checked on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct AccountRuleRepr {
    from: Account,
    to: Account,
    group: AccountGroup,
}

#[cfg(feature = "serde")]
impl TryFrom<AccountRuleRepr> for AccountRule {
    type Error = CoreError;
    fn try_from(r: AccountRuleRepr) -> Result<Self> {
        AccountRule::checked(r.from, r.to, r.group)
    }
}

impl AccountRule {
    /// A rule for the account prefixes `from..=to`, which must have the same
    /// number of digits.
    ///
    /// # Errors
    /// [`CoreError::InvalidAccount`] if either bound is not an account, the
    /// bounds differ in length, or `from` is above `to`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{AccountGroup, AccountRule};
    /// assert!(AccountRule::new("59", "50", AccountGroup::StaffCosts).is_err());
    /// assert!(AccountRule::new("50", "599", AccountGroup::StaffCosts).is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn new(from: &str, to: &str, group: AccountGroup) -> Result<AccountRule> {
        AccountRule::checked(from.parse()?, to.parse()?, group)
    }

    fn checked(from: Account, to: Account, group: AccountGroup) -> Result<AccountRule> {
        let range_error = |reason| CoreError::InvalidAccount {
            input: format!("{from}..={to}"),
            position: from.len() + 4,
            reason,
        };
        if from.len() != to.len() {
            return Err(range_error(
                "both ends of a range must have the same number of digits",
            ));
        }
        if from > to {
            return Err(range_error(
                "the start of a range must not be above its end",
            ));
        }
        Ok(AccountRule { from, to, group })
    }

    /// The group this rule assigns.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{AccountGroup, AccountRule};
    /// assert_eq!(AccountRule::new("46", "46", AccountGroup::PurchasedServices)?.group(), AccountGroup::PurchasedServices);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn group(&self) -> AccountGroup {
        self.group
    }

    /// Whether `account` falls in this rule.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{AccountGroup, AccountRule};
    /// let r = AccountRule::new("4610", "4619", AccountGroup::PurchasedServices)?;
    /// assert!(r.matches(&"461050".parse()?));
    /// assert!(!r.matches(&"46".parse()?)); // too short to tell
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn matches(&self, account: &Account) -> bool {
        account
            .prefix(self.from.len())
            .is_some_and(|p| (self.from.number()..=self.to.number()).contains(&p))
    }

    fn overlaps(&self, other: &AccountRule) -> bool {
        self.from.len() == other.from.len()
            && self.from.number() <= other.to.number()
            && other.from.number() <= self.to.number()
    }
}

impl fmt::Display for AccountRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..={} → {}", self.from, self.to, self.group)
    }
}

/// Classifies accounts into [`AccountGroup`]s by ranges of account prefixes.
///
/// Rules of the same prefix length may not overlap; where rules of different
/// lengths both match, the longer (more specific) one wins, so a municipality
/// can start from [`AccountMapping::kommun_bas`] and override single accounts.
///
/// # The Kommun-Bas default
/// [`AccountMapping::kommun_bas`] maps the two-digit groups of SKR's chart of
/// accounts for municipalities (*Kommun-Bas*, structure as in Kommun-Bas 13 and
/// later, which kept the class structure). It was compiled from municipal
/// account plans built on Kommun-Bas; titles for groups 36–39, 42–44 and 47–49
/// could not be confirmed and are mapped to the "other" groups:
///
/// | Groups | Kommun-Bas title | Group |
/// |---|---|---|
/// | 30 | Försäljningsintäkter | övriga intäkter |
/// | 31 | Taxor och avgifter | avgiftsintäkter |
/// | 32–34, 36–39 | hyror och arrenden (34) and other income | övriga intäkter |
/// | 35 | Bidrag | bidragsintäkter |
/// | 40–45, 47–49 | purchases of materials, bidrag lämnade (45) | övriga kostnader |
/// | 46 | Köp av huvudverksamhet | köp av verksamhet |
/// | 50–59 | Kostnader för arbetskraft | personalkostnader |
/// | 60–62 | Lokal- och markhyror, fastighetskostnader, bränsle och energi | lokalkostnader |
/// | 63–78 | other operating costs | övriga kostnader |
/// | 79 | Avskrivningar | kapitalkostnader |
///
/// Class 8 (taxes, equalisation, financial items) is central finance and
/// unmapped. Kommun-Bas has no standard account for the allocation
/// (*kommunbidrag*) or internal interest: add a rule for the municipality's
/// own accounts.
///
/// # Example
/// ```
/// use namnd_core::{AccountGroup, AccountMapping, AccountRule};
///
/// let mut mapping = AccountMapping::kommun_bas();
/// assert_eq!(mapping.classify(&"5011".parse()?), Some(AccountGroup::StaffCosts));
/// assert_eq!(mapping.classify(&"8010".parse()?), None);
///
/// // A municipality books its kommunbidrag on 3911 and internal interest on 8510.
/// mapping = mapping.with_rule(AccountRule::new("3911", "3911", AccountGroup::Allocation)?)?;
/// mapping = mapping.with_rule(AccountRule::new("8510", "8510", AccountGroup::CapitalCosts)?)?;
/// assert_eq!(mapping.classify(&"39110".parse()?), Some(AccountGroup::Allocation));
/// assert_eq!(mapping.classify(&"3910".parse()?), Some(AccountGroup::OtherIncome));
/// assert_eq!(mapping.classify(&"8510".parse()?), Some(AccountGroup::CapitalCosts));
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "Vec<AccountRule>", into = "Vec<AccountRule>")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct AccountMapping {
    /// Sorted by prefix length, longest first, then by start.
    rules: Vec<AccountRule>,
}

impl AccountMapping {
    /// A mapping from `rules`.
    ///
    /// # Errors
    /// [`CoreError::OverlappingAccountRanges`] if two rules of the same prefix
    /// length overlap.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{AccountGroup, AccountMapping, AccountRule};
    /// let overlapping = AccountMapping::new(vec![
    ///     AccountRule::new("50", "59", AccountGroup::StaffCosts)?,
    ///     AccountRule::new("55", "60", AccountGroup::OtherCosts)?,
    /// ]);
    /// assert!(overlapping.is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn new(rules: Vec<AccountRule>) -> Result<AccountMapping> {
        let mut rules = rules;
        rules.sort_by(|a, b| {
            b.from
                .len()
                .cmp(&a.from.len())
                .then(a.from.number().cmp(&b.from.number()))
        });
        for pair in rules.windows(2) {
            if let [a, b] = pair
                && a.overlaps(b)
            {
                return Err(CoreError::OverlappingAccountRanges {
                    first: format!("{}..={}", a.from, a.to),
                    second: format!("{}..={}", b.from, b.to),
                });
            }
        }
        Ok(AccountMapping { rules })
    }

    /// The Kommun-Bas default described in the type's docs.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{AccountGroup, AccountMapping};
    /// let m = AccountMapping::kommun_bas();
    /// assert_eq!(m.classify(&"4610".parse()?), Some(AccountGroup::PurchasedServices));
    /// assert_eq!(m.classify(&"6010".parse()?), Some(AccountGroup::PremisesCosts));
    /// assert_eq!(m.classify(&"7910".parse()?), Some(AccountGroup::CapitalCosts));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn kommun_bas() -> AccountMapping {
        use AccountGroup::*;
        const TABLE: [(u64, u64, AccountGroup); 12] = [
            (30, 30, OtherIncome),
            (31, 31, FeeIncome),
            (32, 34, OtherIncome),
            (35, 35, GrantIncome),
            (36, 39, OtherIncome),
            (40, 45, OtherCosts),
            (46, 46, PurchasedServices),
            (47, 49, OtherCosts),
            (50, 59, StaffCosts),
            (60, 62, PremisesCosts),
            (63, 78, OtherCosts),
            (79, 79, CapitalCosts),
        ];
        let rules = TABLE
            .into_iter()
            .map(|(from, to, group)| AccountRule {
                from: Account {
                    number: from,
                    digits: 2,
                },
                to: Account {
                    number: to,
                    digits: 2,
                },
                group,
            })
            .collect();
        AccountMapping { rules }
    }

    /// This mapping with one more rule.
    ///
    /// # Errors
    /// [`CoreError::OverlappingAccountRanges`] if the rule overlaps one of the
    /// same prefix length.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{AccountGroup, AccountMapping, AccountRule};
    /// let m = AccountMapping::kommun_bas()
    ///     .with_rule(AccountRule::new("7510", "7519", AccountGroup::StaffCosts)?)?;
    /// assert_eq!(m.classify(&"7512".parse()?), Some(AccountGroup::StaffCosts));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn with_rule(self, rule: AccountRule) -> Result<AccountMapping> {
        let mut rules = self.rules;
        rules.push(rule);
        AccountMapping::new(rules)
    }

    /// The group of `account`: the most specific matching rule, or `None`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{AccountGroup, AccountMapping};
    /// assert_eq!(AccountMapping::kommun_bas().classify(&"3110".parse()?), Some(AccountGroup::FeeIncome));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn classify(&self, account: &Account) -> Option<AccountGroup> {
        self.rules
            .iter()
            .find(|r| r.matches(account))
            .map(AccountRule::group)
    }

    /// The rules, most specific first.
    ///
    /// # Example
    /// ```
    /// use namnd_core::AccountMapping;
    /// assert_eq!(AccountMapping::kommun_bas().rules().len(), 12);
    /// ```
    pub fn rules(&self) -> &[AccountRule] {
        &self.rules
    }
}

impl TryFrom<Vec<AccountRule>> for AccountMapping {
    type Error = CoreError;
    fn try_from(rules: Vec<AccountRule>) -> Result<Self> {
        AccountMapping::new(rules)
    }
}

impl From<AccountMapping> for Vec<AccountRule> {
    fn from(m: AccountMapping) -> Self {
        m.rules
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn unit_paths_compare_by_code_not_name() {
        let named = UnitPath::new(vec![
            OrgUnit::new("SN").unwrap().with_name("Socialnämnden"),
            OrgUnit::new("IFO").unwrap().with_name("IFO"),
        ])
        .unwrap();
        assert_eq!(named, "SN/IFO".parse().unwrap());
    }

    #[test]
    fn empty_paths_and_codes_are_rejected() {
        assert!("".parse::<UnitPath>().is_err());
        assert!("SN//IFO".parse::<UnitPath>().is_err());
        assert!(UnitPath::new(vec![]).is_err());
        assert_eq!(
            OrgUnit::new("a\u{7}").unwrap_err().to_string(),
            "unit code \"a\u{7}\" is invalid: a unit code cannot contain control characters"
        );
    }

    #[test]
    fn the_kommun_bas_default_has_no_overlaps() {
        let m = AccountMapping::kommun_bas();
        assert_eq!(AccountMapping::new(m.rules().to_vec()).unwrap(), m);
    }

    #[test]
    fn every_operating_account_has_a_group_in_the_default() {
        let m = AccountMapping::kommun_bas();
        for two in 30..=79_u64 {
            let account: Account = format!("{two}10").parse().unwrap();
            assert!(m.classify(&account).is_some(), "{account}");
        }
        for two in 80..=89_u64 {
            let account: Account = format!("{two}10").parse().unwrap();
            assert_eq!(m.classify(&account), None, "{account}");
        }
    }

    #[test]
    fn account_group_names_parse_back() {
        for &g in AccountGroup::ALL {
            assert_eq!(g.swedish().parse::<AccountGroup>().unwrap(), g);
        }
        assert_eq!(
            "Kop-av-verksamhet".parse::<AccountGroup>().unwrap(),
            AccountGroup::PurchasedServices
        );
        assert_eq!(
            "Kommunbidrag".parse::<AccountGroup>().unwrap(),
            AccountGroup::Allocation
        );
        assert!("lön".parse::<AccountGroup>().is_err());
    }

    #[test]
    fn income_cost_and_allocation_partition_the_groups() {
        for &g in AccountGroup::ALL {
            let kinds = [g.is_income(), g.is_cost(), g == AccountGroup::Allocation];
            assert_eq!(kinds.iter().filter(|k| **k).count(), 1, "{g}");
        }
    }

    #[test]
    fn account_errors_point_at_the_offending_byte() {
        assert_eq!(
            "46a0".parse::<Account>().unwrap_err().to_string(),
            "account \"46a0\" is invalid at byte 3: an account has only digits"
        );
        assert_eq!(
            " 4".parse::<Account>().unwrap_err().to_string(),
            "account \" 4\" is invalid at byte 3: an account has 2 to 10 digits"
        );
    }

    #[test]
    fn accounts_keep_leading_zeros_and_reject_junk() {
        assert_eq!("0450".parse::<Account>().unwrap().to_string(), "0450");
        assert!("4".parse::<Account>().is_err());
        assert!("12345678901".parse::<Account>().is_err());
        assert!("-461".parse::<Account>().is_err());
    }

    proptest! {
        #[test]
        fn a_more_specific_rule_always_wins(account in 1000_u64..10_000, sub in 0_u64..100) {
            let text = format!("{account}{sub:02}");
            let specific = AccountRule::new(&account.to_string(), &account.to_string(), AccountGroup::Allocation)?;
            let m = AccountMapping::kommun_bas().with_rule(specific)?;
            prop_assert_eq!(m.classify(&text.parse()?), Some(AccountGroup::Allocation));
        }

        #[test]
        fn ancestors_end_with_the_path_itself(codes in proptest::collection::vec("[A-ZÅÄÖ0-9 ]{0,4}[A-Z0-9]", 1..6)) {
            let path: UnitPath = codes.join("/").parse()?;
            let ancestors: Vec<UnitPath> = path.ancestors().collect();
            prop_assert_eq!(ancestors.len(), path.depth());
            prop_assert_eq!(ancestors.last(), Some(&path));
            for a in &ancestors {
                prop_assert!(a.is_ancestor_of(&path));
            }
            prop_assert_eq!(path.to_string().parse::<UnitPath>()?, path);
        }
    }
}
