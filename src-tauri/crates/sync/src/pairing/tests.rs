//! Unit tests for `pairing`.

use super::*;
use crate::DeviceSecret;

fn secret(inviter: &DeviceSecret) -> InvitationSecret {
    InvitationSecret {
        couple: CoupleId::new().unwrap(),
        inviter: inviter.public(),
        calendar: StreamKey::random(0).unwrap(),
        notebook: StreamKey::random(0).unwrap(),
    }
}

#[test]
fn codes_are_twelve_unambiguous_characters_and_read_as_people_type_them() {
    let code = PairingCode::new().unwrap();
    let shown = code.display();
    assert_eq!(shown.len(), 14, "{}", *shown);
    let typed = shown.to_lowercase().replace('-', " ");
    assert_eq!(*PairingCode::parse(&typed).unwrap().display(), *shown);
    assert_eq!(
        *PairingCode::parse("oil0-ILO1-2345").unwrap().display(),
        "0110-1101-2345"
    );
    for bad in [
        "",
        "ABCD-EFGH",
        "ABCD-EFGH-JKMNP",
        "ABCD-EFGH-JKMU",
        "ÄBCD-EFGH-JKMN",
    ] {
        assert_eq!(
            PairingCode::parse(bad).err(),
            Some(PairingError::NotACode),
            "{bad}"
        );
    }
    assert_ne!(*PairingCode::new().unwrap().display(), *shown);
}

#[test]
fn the_right_code_opens_the_invitation_and_the_answer_carries_the_joiner() {
    let inviter = DeviceSecret::new().unwrap();
    let code = PairingCode::new().unwrap();
    let shared = secret(&inviter);
    let invitation = Invitation::new(&code, &shared, 1_000).unwrap();
    let json = serde_json::to_string(&invitation).unwrap();
    assert!(
        !json.contains(&shared.couple.to_string()),
        "the couple stays sealed"
    );

    let typed = PairingCode::parse(&code.display()).unwrap();
    let (opened, key) = invitation
        .open(&typed, 1_000 + CODE_LIFETIME_MS - 1)
        .unwrap();
    assert_eq!(opened.couple, shared.couple);
    assert_eq!(opened.calendar, shared.calendar);
    let joiner = DeviceSecret::new().unwrap();
    let answer = JoinRequest::new(&invitation, &key, joiner.public(), 2_000).unwrap();
    let inviter_key = invitation.answer_key(&code).unwrap();
    assert_eq!(
        answer.open(&invitation, &inviter_key).unwrap(),
        joiner.public()
    );
}

#[test]
fn a_wrong_or_expired_code_opens_nothing() {
    let inviter = DeviceSecret::new().unwrap();
    let code = PairingCode::new().unwrap();
    let invitation = Invitation::new(&code, &secret(&inviter), 1_000).unwrap();
    let other = PairingCode::new().unwrap();
    assert_eq!(
        invitation.open(&other, 1_000).err(),
        Some(PairingError::WrongCode)
    );
    assert_eq!(
        invitation.open(&code, 1_000 + CODE_LIFETIME_MS + 1).err(),
        Some(PairingError::Expired)
    );
    // An answer made by someone without the code does not open for the inviter.
    let (_, key) = invitation.open(&code, 1_000).unwrap();
    let stranger_key = invitation.answer_key(&other).unwrap();
    let answer = JoinRequest::new(
        &invitation,
        &stranger_key,
        DeviceSecret::new().unwrap().public(),
        2_000,
    )
    .unwrap();
    assert_eq!(
        answer.open(&invitation, &key).err(),
        Some(PairingError::WrongCode)
    );
    // An answer dated after the code expired is refused.
    let late = JoinRequest::new(
        &invitation,
        &key,
        DeviceSecret::new().unwrap().public(),
        1_000 + CODE_LIFETIME_MS + 1,
    )
    .unwrap();
    assert_eq!(
        late.open(&invitation, &key).err(),
        Some(PairingError::Expired)
    );
}
