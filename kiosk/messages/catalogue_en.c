/* catalogue_en.c: every officer-facing sentence of the drivers and parsers in English, keyed
 * by (domain, code): what went wrong and the next step. The front ends look a code up here
 * (messages_text) when they show it; tests/messages/test_catalogue walks every code of every
 * domain and fails on one without text. */
#include "kiosk/messages/catalogue.h"

static const struct catalogue_row tlv[] = {
    {TLV_OK, "Data read."},
    {TLV_END, "Data read."},
    {TLV_E_TRUNCATED, "The chip sent malformed data. Read the card again; if it persists, the card "
                      "may be damaged or forged: call a supervisor."},
    {TLV_E_TAG, "The chip sent malformed data. Read the card again; if it persists, the card may "
                "be damaged or forged: call a supervisor."},
    {TLV_E_LENGTH, "The chip sent malformed data. Read the card again; if it persists, the card "
                   "may be damaged or forged: call a supervisor."},
    {TLV_E_DEPTH, "The chip sent malformed data. Read the card again; if it persists, the card may "
                  "be damaged or forged: call a supervisor."},
    {TLV_E_UNEXPECTED, "The chip sent malformed data. Read the card again; if it persists, the "
                       "card may be damaged or forged: call a supervisor."},
    {TLV_E_PRIMITIVE, "The chip sent malformed data. Read the card again; if it persists, the card "
                      "may be damaged or forged: call a supervisor."},
    {TLV_E_TRAILING, "The chip sent malformed data. Read the card again; if it persists, the card "
                     "may be damaged or forged: call a supervisor."},
    {TLV_E_OVERFLOW, "Internal error. Try again."},
    {TLV_E_ARG, "Internal error. Try again."},
};

static const struct catalogue_row mrz[] = {
    {MRZ_OK, "MRZ read."},
    {MRZ_E_FORMAT, "This is not the 3-line MRZ of an ID card. Scan or type the three lines on the "
                   "back of the card again."},
    {MRZ_E_CHECK_DOC,
     "A check digit of the MRZ is wrong: a character was misread or mistyped. Compare it with the "
     "card and correct it; if the card itself is wrong, call a supervisor."},
    {MRZ_E_CHECK_DOB,
     "A check digit of the MRZ is wrong: a character was misread or mistyped. Compare it with the "
     "card and correct it; if the card itself is wrong, call a supervisor."},
    {MRZ_E_CHECK_DOE,
     "A check digit of the MRZ is wrong: a character was misread or mistyped. Compare it with the "
     "card and correct it; if the card itself is wrong, call a supervisor."},
    {MRZ_E_CHECK_COMPOSITE,
     "A check digit of the MRZ is wrong: a character was misread or mistyped. Compare it with the "
     "card and correct it; if the card itself is wrong, call a supervisor."},
    {MRZ_E_CHECK_ID,
     "A check digit of the MRZ is wrong: a character was misread or mistyped. Compare it with the "
     "card and correct it; if the card itself is wrong, call a supervisor."},
    {MRZ_E_DATE,
     "A check digit of the MRZ is wrong: a character was misread or mistyped. Compare it with the "
     "card and correct it; if the card itself is wrong, call a supervisor."},
    {MRZ_E_ARG, "Internal error. Try again."},
};

static const struct catalogue_row reader[] = {
    {READER_OK, "The card reader is ready."},
    {READER_ENOMEM, "Out of memory. Restart the kiosk."},
    {READER_EINVAL, "The card reader setting is wrong. Ask the technician to check card.reader."},
    {READER_EOPEN, "The card reader cannot be opened. Check its cable and try again."},
    {READER_ENOCARD, "No card found. Place the ID card on the reader and hold it still."},
    {READER_EREMOVED, "The card was lifted. Put it back on the reader to continue."},
    {READER_EIO,
     "The card reader stopped answering (unplugged?). Plug it back in and read the card again."},
    {READER_ECANCELLED, "Card reading cancelled."},
    {READER_EOVERFLOW,
     "The chip's answer is too long. Read again; if it persists the card may be damaged."},
    {READER_ENOSERVICE, "The smart-card service (pcscd) is not running. Restart the kiosk; if it "
                        "persists, call the technician."},
    {READER_ENOREADER, "No card reader found. Plug the reader in (or check the reader name in the "
                       "configuration) and try again."},
    {READER_EBUSY, "Another program is using the card reader. Close it and try again."},
};

static const struct catalogue_row card[] = {
    {CARD_OK, "Card chip read."},
    {CARD_ENOCARD, "No card found. Place the ID card on the reader and hold it still."},
    {CARD_EWRONG_CAN, "The chip refused the access key. Check the ID number (last 6 digits) or the "
                      "date of birth and try again."},
    {CARD_ENOT_CCCD, "This card is not a chip ID card (CCCD). Use the citizen's CCCD."},
    {CARD_ENO_CHIP,
     "The card has no readable chip (old ID card?). Scan the QR code or type the data."},
    {CARD_EREMOVED, "The card was lifted. Put it back on the reader to continue."},
    {CARD_EREADER, "The card reader is not working. Check its cable and try again."},
    {CARD_EFORGED, "The chip is not valid. Do not enrol with this card; tell the unit's leader."},
    {CARD_ECANCELLED, "Card reading cancelled."},
    {CARD_ENEED_MRZ,
     "The chip needs the date of birth. Enter the ID number and date of birth and try again."},
    {CARD_EINVAL, "Missing data to read the card (reader or ID number)."},
    {CARD_ENOMEM, "Out of memory. Restart the kiosk."},
    {CARD_ECHIP, "The chip answered badly. Read again; if it persists the card may be damaged."},
    {CARD_EDATA, "The chip's data are invalid. The chip cannot be used: scan the QR code or type "
                 "the data, and tell the unit's leader."},
    {CARD_ETIMEOUT, "Reading the card took longer than allowed. Lift the card, place it again and "
                    "read again; if it persists the chip may be damaged."},
};

static const struct catalogue_row dg[] = {
    {DG_OK, "Chip data read."},
    {DG_E_TLV, "The chip sent damaged data. Hold the card still on the reader and read again; if "
               "it happens again, the card may be forged: call a supervisor."},
    {DG_E_TAG, "The chip data is not laid out like a CCCD. Check that this is a citizen ID card; "
               "otherwise use the QR code and call a supervisor."},
    {DG_E_STRUCTURE, "The chip data is not laid out like a CCCD. Check that this is a citizen ID "
                     "card; otherwise use the QR code and call a supervisor."},
    {DG_E_MRZ, "The chip's MRZ fails its check digits: the card may be forged. Call a supervisor."},
    {DG_E_TEXT, "The personal data on the chip is malformed. Read the card again; if it persists, "
                "enter the data from the QR code and call a supervisor."},
    {DG_E_DATE, "The personal data on the chip is malformed. Read the card again; if it persists, "
                "enter the data from the QR code and call a supervisor."},
    {DG_E_IMAGE, "The photo on the chip cannot be decoded. Read the card again; the portrait will "
                 "be taken at the counter anyway."},
    {DG_E_KEY, "The chip's authentication key is unreadable: the chip cannot be proven genuine. A "
               "supervisor must acknowledge."},
    {DG_E_NOMEM, "The kiosk is short of memory. Try again; restart the kiosk if it persists."},
    {DG_E_ARG, "Internal error reading the chip data. Try again."},
};

static const struct catalogue_row sod[] = {
    {SOD_OK, "Security object read."},
    {SOD_E_TLV,
     "The chip's security object is damaged or invalid: the card cannot be trusted. Read it again "
     "once; if it persists, treat the card as forged and call a supervisor."},
    {SOD_E_CMS,
     "The chip's security object is damaged or invalid: the card cannot be trusted. Read it again "
     "once; if it persists, treat the card as forged and call a supervisor."},
    {SOD_E_CONTENT,
     "The chip's security object is damaged or invalid: the card cannot be trusted. Read it again "
     "once; if it persists, treat the card as forged and call a supervisor."},
    {SOD_E_HASH_ALG,
     "The chip's security object is damaged or invalid: the card cannot be trusted. Read it again "
     "once; if it persists, treat the card as forged and call a supervisor."},
    {SOD_E_NO_DS_CERT,
     "The chip's security object is damaged or invalid: the card cannot be trusted. Read it again "
     "once; if it persists, treat the card as forged and call a supervisor."},
    {SOD_E_NOMEM, "The kiosk is short of memory. Try again."},
};

static const struct catalogue_row pa[] = {
    {PA_OK, "Done."},
    {PA_E_TRUST_DIR,
     "The CSCA trust store cannot be read. Check [card] trust_dir in the configuration."},
    {PA_E_MASTER_LIST,
     "This file is not a valid CSCA master list. Get the list again from its official source."},
    {PA_E_WRITE,
     "Cannot write into the trust store directory. Check its permissions and free space."},
    {PA_E_NOMEM, "The kiosk is short of memory. Try again."},
    {PA_E_ARG, "Internal error. Try again."},
    {PA_E_ML_SIGNER,
     "The master list is not signed by the authority configured ([card] masterlist_root): nothing "
     "was imported. Get the list from its official source."},
    {PA_E_ML_ROOT,
     "No master list authority is configured or it cannot be read: set [card] masterlist_root."},
};

static const struct catalogue_row verify_reason[] = {
    {VR_SOD_MISSING, "The chip withholds its security object (EF.SOD)."},
    {VR_DG_LISTED_MISSING, "The chip withholds a data file its security object lists."},
    {VR_SOD_MALFORMED, "The chip's security object is damaged or altered."},
    {VR_SOD_SIGNATURE, "The signature over the chip data is wrong."},
    {VR_DG_HASH_MISMATCH, "Chip data has been altered (hash mismatch)."},
    {VR_DG_NOT_IN_SOD, "The chip holds a data file that is not signed."},
    {VR_DS_CHAIN_INVALID, "The document signer certificate is invalid."},
    {VR_AA_FAILED, "Active authentication failed: the chip may be a clone."},
    {VR_CA_FAILED, "Chip authentication failed: the chip may be a clone."},
    {VR_CA_REFUSED,
     "The chip refuses chip authentication although DG14 offers it: it may be a clone."},
    {VR_AA_REFUSED,
     "The chip refuses active authentication although DG15 is present: it may be a clone."},
    {VR_NO_TRUST_STORE, "No CSCA certificate installed: the card's issuer cannot be checked."},
    {VR_CSCA_UNTRUSTED,
     "The document signer is not certified by the issuing state's CSCA installed here."},
    {VR_NO_CSCA_FOR_STATE,
     "No CSCA of the issuing state is installed: the card's issuer cannot be checked."},
    {VR_DS_EXPIRED, "The document signer certificate is expired or not yet valid."},
    {VR_NO_CHIP_AUTHENTICATION,
     "The chip could not authenticate itself (no AA/CA): a clone cannot be ruled out."},
    {VR_CHIP_AUTH_NOT_DONE,
     "The chip lists DG14/DG15 but no chip authentication could be run: read the card again."},
    {VR_AA_NOT_DONE,
     "The chip offers active authentication but it was not done: read the card again."},
};

static const struct catalogue_row identity[] = {
    {CID_OK, "Identity read from the chip."},
    {CID_E_DG1, "The personal data on the chip is malformed. Read the card again; if it persists, "
                "use the QR code and call a supervisor."},
    {CID_E_DG13, "The personal data on the chip is malformed. Read the card again; if it persists, "
                 "use the QR code and call a supervisor."},
    {CID_E_NONE, "No personal data was read from the chip. Read the card again."},
    {CID_E_MISMATCH, "The chip holds two different ID numbers: the card is forged. Do not enrol; "
                     "call a supervisor."},
};

static const struct catalogue_row card_field[] = {
    {CARD_F_PERSONAL_ID, "Personal ID"}, {CARD_F_NAME, "Name"},
    {CARD_F_DOB, "Date of birth"},       {CARD_F_SEX, "Sex"},
    {CARD_F_EXPIRY, "Expiry"},           {CARD_F_ISSUE_DATE, "Issue date"},
    {CARD_F_OLD_ID, "Old ID number"},    {CARD_F_RESIDENCE, "Residence"},
};

static const struct catalogue_row card_source[] = {
    {CARD_SRC_DG1, "chip (MRZ)"},
    {CARD_SRC_DG13, "chip (DG13)"},
    {CARD_SRC_QR, "QR code"},
};

static const struct catalogue_row format[] = {
    {MSG_FORMAT_DISAGREEMENT, "%s: %s differs from %s"},
};

static const struct catalogue_row qr[] = {
    {QR_OK, "QR code read."},
    {QR_E_EMPTY, "No QR code read. Hold the card flat, QR side towards the camera, about 15 cm "
                 "away, and scan again."},
    {QR_E_NOT_FOUND, "No QR code read. Hold the card flat, QR side towards the camera, about 15 cm "
                     "away, and scan again."},
    {QR_E_FIELDS,
     "This QR code is not the one of a citizen ID card. Scan the QR code printed on the card."},
    {QR_E_ID, "The QR code's content is not valid (damaged or altered). Read the chip instead, or "
              "type the data and ask a supervisor."},
    {QR_E_OLD_ID, "The QR code's content is not valid (damaged or altered). Read the chip instead, "
                  "or type the data and ask a supervisor."},
    {QR_E_NAME, "The QR code's content is not valid (damaged or altered). Read the chip instead, "
                "or type the data and ask a supervisor."},
    {QR_E_DATE, "The QR code's content is not valid (damaged or altered). Read the chip instead, "
                "or type the data and ask a supervisor."},
    {QR_E_SEX, "The QR code's content is not valid (damaged or altered). Read the chip instead, or "
               "type the data and ask a supervisor."},
    {QR_E_TEXT, "The QR code's content is not valid (damaged or altered). Read the chip instead, "
                "or type the data and ask a supervisor."},
    {QR_E_NOMEM, "The kiosk is short of memory. Try again."},
    {QR_E_ARG, "Internal error. Try again."},
    {QR_E_MODULE,
     "The kiosk cannot decode QR codes from the camera (a part of its software is missing). Type "
     "the personal ID number or read the chip, and report it to maintenance."},
};

static const struct catalogue_row camera[] = {
    {CAM_OK, "Camera ready"},
    {CAM_ERR_ARG, "Camera error: retry"},
    {CAM_ERR_NOMEM, "Camera error: retry"},
    {CAM_ERR_NO_DEVICE, "No camera found: check its cable, then retry"},
    {CAM_ERR_BUSY, "The camera is used by another program: close it, then retry"},
    {CAM_ERR_TIMEOUT, "The camera is not sending pictures: retry"},
    {CAM_ERR_IO, "The camera stopped working: unplug it, plug it back, retry"},
    {CAM_ERR_FORMAT, "This camera is not supported: use another camera"},
    {CAM_ERR_UNSUPPORTED, "This camera has no such setting"},
    {CAM_ERR_DATA, "Simulated camera: no readable images"},
    {CAM_ERR_BACKEND, "Camera setting is wrong: check the configuration"},
};

static const struct catalogue_row portrait[] = {
    {PC_DARK, "More light, please"},
    {PC_BRIGHT, "Less light, please"},
    {PC_FACE_FOUND, "Sit in front of the camera"},
    {PC_ONE_FACE, "Only one person in front of the camera"},
    {PC_FACE_SIZE, "Come closer"},
    {PC_NOT_TOO_CLOSE, "Move back a little"},
    {PC_CENTRED, "Move to the centre of the picture"},
    {PC_SHARP, "Hold still"},
    {PC_POSE, "Look straight at the camera"},
    {PC_GLASSES, "Take off your glasses"},
    {PC_GLASSES_FRAME, "Take off your glasses"},
    {PC_MASK, "Take off your mask"},
    {PC_EYES_OPEN, "Open your eyes"},
    {PC_EVEN_LIGHT, "Light your face evenly"},
    {PC_PLAIN_BACKGROUND, "A plain background is needed behind you"},
};

static const struct catalogue_row fpr[] = {
    {FPR_OK, "Fingerprint captured."},
    {FPR_ERR_ARG, "The fingerprint reader settings are invalid."},
    {FPR_ERR_NO_DEVICE, "No fingerprint reader found. Check the cable."},
    {FPR_ERR_OPEN, "The fingerprint reader would not open. Try again."},
    {FPR_ERR_TIMEOUT, "No finger was read in time. Place the finger on the reader and try again."},
    {FPR_ERR_DEVICE, "The fingerprint reader failed. Restart it and try again."},
    {FPR_ERR_GONE, "The fingerprint reader was unplugged. Plug it in and try again."},
    {FPR_ERR_CANCELLED, "Fingerprint capture cancelled."},
    {FPR_ERR_POOR, "The fingerprint is still poor. Try again or record an exception."},
    {FPR_ERR_NOMEM, "Out of memory."},
    {FPR_ERR_IMAGE, "The fingerprint image is unusable."},
    {FPR_ERR_MODULE, "The kiosk cannot use the fingerprint reader (a part of its software is "
                     "missing). Report it to maintenance."},
};

static const struct catalogue_row fpr_state[] = {
    {FPR_STATE_PLACE, "Place your finger on the reader"},
    {FPR_STATE_READING, "Reading the fingerprint..."},
    {FPR_STATE_QUALITY, "Checking the quality"},
    {FPR_STATE_RETRY, "Lift your finger and place it again, pressing evenly"},
    {FPR_STATE_DONE, "Fingerprint done"},
};

static const struct catalogue_row core[] = {
    {MSG_NONE, "Valid."},
    {MSG_PID_LENGTH, "The personal ID number has exactly 12 digits. Check it against the card."},
    {MSG_PID_DIGITS,
     "The personal ID number contains only digits, no spaces or letters. Enter it again."},
    {MSG_PID_PROVINCE, "The first three digits of the personal ID are not a province or city code. "
                       "Check it against the card."},
    {MSG_PID_CENTURY, "The fourth digit of the personal ID (century and sex code) is not valid. "
                      "Check it against the card."},
    {MSG_PID_YEAR_MISMATCH, "The year of birth in the personal ID does not match the date of "
                            "birth. Check both against the card."},
    {MSG_PID_SEX_MISMATCH, "The sex encoded in the personal ID does not match the sex entered. "
                           "Check both against the card."},
    {MSG_DATE_INVALID, "This date does not exist. Enter it as day/month/year, e.g. 05/09/1990."},
    {MSG_DOB_FUTURE, "The date of birth cannot be after today. Check it again."},
    {MSG_NAME_EMPTY, "The name is missing. Enter the full name as on the card."},
    {MSG_NAME_INVALID, "A name has only letters (with their accents), single spaces, apostrophes "
                       "and hyphens; no digits or symbols. Enter it as on the card."},
    {MSG_TEXT_INVALID_UTF8, "The text has characters that cannot be read. Enter it again."},
    {MSG_TEXT_TOO_LONG, "The text is too long. Shorten it and enter it again."},
    {MSG_PHONE_EMPTY, "The phone number is missing. Enter the citizen's own mobile number."},
    {MSG_PHONE_CHARS, "A phone number has only digits, may start with +84, and may be separated by "
                      "spaces, dots or dashes. Enter it again."},
    {MSG_PHONE_LENGTH,
     "A mobile number has 10 digits starting with 0 (e.g. 0987 654 321). Check it again."},
    {MSG_PHONE_OLD_11_DIGITS, "This is an old 11-digit number, converted to 10 digits in 2018. Ask "
                              "the citizen for the new number."},
    {MSG_PHONE_LANDLINE, "This is a landline number. Enter the citizen's own mobile number, which "
                         "receives the activation SMS."},
    {MSG_PHONE_PREFIX,
     "This prefix belongs to no Vietnamese mobile network. Check the number again."},
    {MSG_EMAIL_AT, "An e-mail address has exactly one @, e.g. name@example.vn. Enter it again."},
    {MSG_EMAIL_LOCAL, "The part before @ may only have unaccented letters, digits and signs such "
                      "as . _ - +; no dot at the start or end, no two dots in a row, no quotes, at "
                      "most 64 characters. Enter it again."},
    {MSG_EMAIL_DOMAIN,
     "The domain after @ is not valid: only unaccented letters, digits and hyphens, with at least "
     "one dot, e.g. gmail.com. Accented (internationalised) domains and IP addresses are not "
     "accepted. Enter it again."},
    {MSG_EMAIL_LENGTH, "The e-mail address is too long (at most 254 characters). Check it again."},
    {MSG_EMAIL_SPACE,
     "An e-mail address has no spaces, not even at the start or end. Enter it again."},
    {MSG_CONTACT_NONE,
     "A phone number or an e-mail address is needed to notify the result. Enter at least one."},
    {MSG_WF_NOT_NOW, "This action is not possible at this step."},
    {MSG_WF_NO_OFFICER, "No officer is signed in. Sign in with your PIN."},
    {MSG_WF_CHIP_FORGED, "The chip is not valid: its data failed the checks. Do not accept the "
                         "application; the incident is recorded for the unit's leader."},
    {MSG_WF_NEED_SUPERVISOR_UNVERIFIED,
     "The chip could not be verified: no CSCA of the issuing state is installed. The unit's leader "
     "must enter their PIN to approve."},
    {MSG_WF_NEED_SUPERVISOR_MANUAL, "The identity was typed in, not read from the chip. The unit's "
                                    "leader must pick a reason and enter their PIN to approve."},
    {MSG_WF_NEED_SUPERVISOR_DUPLICATE, "This citizen already has an application in progress. The "
                                       "unit's leader must enter their PIN to create another one."},
    {MSG_WF_DUPLICATE, "This personal ID already has an application queued or submitted. Look at "
                       "the earlier one before creating a new one."},
    {MSG_WF_CARD_EXPIRED, "The ID card has expired: the application cannot be taken. Direct the "
                          "citizen to renew the card, then come back."},
    {MSG_WF_NO_PORTRAIT, "There is no portrait meeting the standard yet. Take the photo again."},
    {MSG_WF_FINGERS_INCOMPLETE, "Fingerprints are incomplete: each finger must be captured or have "
                                "a reason why not. Continue capturing."},
    {MSG_WF_SAME_FINGER, "Two captures match: the same finger may have been placed twice. Capture "
                         "the requested finger again."},
    {MSG_WF_NO_FINGERS, "No fingerprint has been captured. Capture them before continuing."},
    {MSG_WF_TIMEOUT, "Timed out: the citizen's data has been wiped. Start again."},
    {MSG_WF_CANCELLED, "Application cancelled; the citizen's data has been wiped."},
    {MSG_WF_QUEUED, "The application is saved in the send queue. The result will come by the VNeID "
                    "app, SMS or e-mail."},
    {MSG_WF_QUEUE_FAILED,
     "The application could not be saved. Try again; if it still fails, call technical support."},
    {MSG_WF_DEVICE_FAILED, "A device is not responding. Check its cable and try again."},
    {MSG_WF_NO_CONSENT,
     "The citizen's consent is not recorded. Ask and confirm consent before submitting."},
    {MSG_POL_INCONSISTENT, "The identity's source and the chip verdict contradict each other: not "
                           "accepted. Read the card again."},
    {MSG_POL_AFTER_FORGED, "This card's chip was judged not valid in this session: the QR code or "
                           "typing cannot replace it. Report to the unit's leader."},
    {MSG_POL_NO_SELF_AUTH, "The chip offers no chip authentication, so a copy cannot be ruled out. "
                           "The unit's leader must enter their PIN to approve."},
    {MSG_POL_CHIP_UNVERIFIED,
     "The chip could not be verified. Place the card again and read it again; if it persists, do "
     "not accept and direct the citizen to have the card checked where it was issued."},
    {MSG_POL_QR_ONLY, "The identity comes from the card's QR code only, not confirmed by the chip. "
                      "The unit's leader must pick a reason and enter their PIN to approve."},
    {MSG_POL_MISMATCH, "The chip data and the card's QR code disagree. The unit's leader must "
                       "check and enter their PIN to approve."},
    {MSG_POL_ASK_NO_MOBILE, "No mobile phone number given. Ask the citizen; if they have none, "
                            "choose \"No mobile phone\"."},
    {MSG_POL_NO_MOBILE_SMS,
     "Recorded: the citizen has no mobile phone. Note that activating the account needs an SMS; "
     "tell the citizen to call the centre once they have a number."},
    {MSG_POL_PORTRAIT_OVERRIDE,
     "The portrait did not pass every check. The unit's leader must enter their PIN to approve."},
    {MSG_POL_NO_FINGERS, "No fingerprint was captured. The unit's leader must review each finger's "
                         "reason and enter their PIN to approve."},
    {MSG_POL_FEWER_FINGERS, "Fewer fingerprints were captured than configured. The unit's leader "
                            "must review each finger's reason and enter their PIN to approve."},
    {MSG_POL_SELF_APPROVAL,
     "The officer running the enrolment cannot approve it. Ask another leader of the unit."},
    {MSG_POL_REASON_NEEDED,
     "Pick why the chip cannot be used (unreadable, damaged, card without chip) before approving."},
    {MSG_POL_NOTHING_TO_APPROVE, "There is nothing to approve at this step."},
    {MSG_POL_APPROVED, "The unit's leader approved."},
    {MSG_POL_UNDER_14, "Under 14: guide the parent or guardian to register the child under their "
                       "own electronic identity account."},
    {MSG_POL_CLOCK_IMPLAUSIBLE,
     "The kiosk's clock is wrong (set back, or far from the time it knew): no application can be "
     "taken. The unit's leader must set the time (kiosk clock set), then go on."},
    {MSG_POL_DISK_FULL,
     "The kiosk's disk is full: no room for another application. Those already taken are safe. "
     "Deliver or hand over the waiting ones (kiosk bundle export) and have the disk freed."},
    {MSG_DISK_LOW, "The disk is nearly full: deliver or hand over the waiting applications (kiosk "
                   "bundle export)."},
    {MSG_POWER_LOW, "Battery low: plug the kiosk in or change the battery."},
    {MSG_POWER_CRITICAL, "Battery nearly empty: the enrolment in progress is stopped (the citizen "
                         "must start again), the data is saved, the kiosk is powering off."},
    {MSG_POL_FACE_MISMATCH, "The portrait does not match the chip's photo. The unit's leader must "
                            "compare the person with the card, then enter their PIN to approve."},
    {MSG_POL_FACE_NOT_FOUND,
     "No face was found in the portrait or in the chip's photo, so they could not be compared. The "
     "unit's leader must compare the person with the card, then enter their PIN to approve."},
    {MSG_POL_FACE_UNCHECKED,
     "The kiosk could not compare the portrait with the chip's photo. The unit's leader must "
     "compare the person with the card, then enter their PIN to approve."},
    {MSG_POL_FACE_REASON, "Pick why the application may go on although the portrait does not match "
                          "the chip's photo or could not be compared with it."},
    {MSG_POL_REASON_PICK, "Pick the exception's reason before approving."},
    {MSG_STORE_FULL,
     "The kiosk's storage is full. Send the queued applications and call technical support."},
    {MSG_STORE_IO,
     "Data could not be written. Try again; if it still fails, call technical support."},
    {MSG_STORE_CORRUPT,
     "The database is damaged. Stop taking applications and call technical support now."},
    {MSG_AUDIT_FAILED, "The action could not be recorded in the audit trail, so it was not done. "
                       "Stop taking applications and call technical support."},
    {MSG_OFFICER_BAD_PIN, "Wrong PIN. Enter it again; the account locks after 5 failures."},
    {MSG_OFFICER_LOCKED,
     "The account is locked after too many wrong PINs. Ask a supervisor to unlock it."},
    {MSG_OFFICER_UNKNOWN, "No officer has this ID. Check the officer ID."},
    {MSG_OFFICER_DISABLED, "This officer account is disabled. Contact a supervisor."},
    {MSG_OFFICER_NOT_SUPERVISOR,
     "This action needs a supervisor account. Ask a supervisor to sign in."},
    {MSG_PIN_CHECKING, "Checking the PIN..."},
    {MSG_STORE_KEY_MISSING, "Key %s missing in %s while the store holds data: no new key is made. "
                            "Restore the key directory from its backup (config/KEYS.md, "
                            "\"Restoring the keys\") and start again."},
    {MSG_STORE_KEY_WRONG, "The keys in %s are not the ones this store was written with. Restore "
                          "the right key directory from its backup (config/KEYS.md, \"Restoring "
                          "the keys\")."},
};

/* The upstream's rejection reasons (kiosk/model/reasons.h): what was wrong, then what the
 * officer does next. */
static const struct catalogue_row reason[] = {
    {REASON_GENERAL, "The application was rejected."},
    {REASON_PHOTO_QUALITY, "The portrait does not meet the standard."},
    {REASON_PHOTO_MISMATCH, "The portrait does not match the photo in the identity card database."},
    {REASON_FINGERPRINT_QUALITY, "The fingerprints taken are not of sufficient quality."},
    {REASON_FINGERPRINT_MISMATCH,
     "The fingerprints do not match those in the identity card database."},
    {REASON_DATA_MISMATCH, "The citizen's data do not match the national population database."},
    {REASON_CARD_INVALID, "The card is no longer valid (expired, revoked or replaced)."},
    {REASON_ACCOUNT_EXISTS, "The citizen already has a level-2 electronic identity account."},
    {REASON_PHONE_NOT_OWNER, "The phone number is not registered in the citizen's own name."},
    {REASON_PHONE_IN_USE, "The phone number is already used by another citizen's account."},
    {REASON_UNDER_AGE, "The citizen is under 14."},
    {REASON_EVIDENCE_MISSING, "The application says the chip was read but lacks the chip data for "
                              "the upstream to check again."},
    {REASON_EVIDENCE_MALFORMED, "The chip data sent with the application cannot be read."},
    {REASON_EVIDENCE_SIGNATURE,
     "The card issuer's digital signature on the chip data cannot be verified."},
    {REASON_EVIDENCE_SOD_MISMATCH,
     "The chip data sent with the application do not match the part the card issuer signed."},
    {REASON_EVIDENCE_IDENTITY,
     "The citizen's data in the application differ from those in the card's chip."},
    {REASON_EVIDENCE_AA, "The chip did not prove it is the card's original chip (chip "
                         "authentication failed or belongs to another application)."},
    {REASON_EVIDENCE_VERDICT,
     "The application carries a chip verdict the upstream does not accept."},
};

static const struct catalogue_row reason_next[] = {
    {REASON_GENERAL, "Call the citizen with the result and ask them to come back for a new "
                     "application; if the reason is unclear, ask the Lãnh đạo đơn vị."},
    {REASON_PHOTO_QUALITY, "Ask the citizen to come back for a new application and retake the "
                           "portrait: eyes open, no glasses, no mask, enough light."},
    {REASON_PHOTO_MISMATCH,
     "Ask the citizen to come back for a new application with a new portrait; if it still does not "
     "match, guide the citizen to renew the card."},
    {REASON_FINGERPRINT_QUALITY,
     "Ask the citizen to come back for a new application and retake the fingerprints (clean "
     "reader, dry finger, placed in the middle)."},
    {REASON_FINGERPRINT_MISMATCH, "Ask the citizen to come back for a new application and retake "
                                  "the fingers registered for the card."},
    {REASON_DATA_MISMATCH, "Send the citizen to the police of the place of residence to update the "
                           "national population database, then make a new application."},
    {REASON_CARD_INVALID, "Guide the citizen through the card procedure; the level-2 account is "
                          "issued with the new card."},
    {REASON_ACCOUNT_EXISTS, "No new application is needed. Help the citizen activate it in the "
                            "VNeID app; after 7 days, through the call centre."},
    {REASON_PHONE_NOT_OWNER, "Call the citizen for a number in their own name and file a phone "
                             "correction, or ask them to come back for a new application."},
    {REASON_PHONE_IN_USE,
     "Call the citizen for another number in their own name and file a phone correction."},
    {REASON_UNDER_AGE, "Guide the parent or guardian to register the child under their own "
                       "account; no new application."},
    {REASON_EVIDENCE_MISSING,
     "Ask the citizen to come back for a new application and read the card's chip again; if it "
     "fails again, tell the Lãnh đạo đơn vị so the kiosk is checked."},
    {REASON_EVIDENCE_MALFORMED,
     "Ask the citizen to come back for a new application and read the card's chip again; if it "
     "fails again, tell the Lãnh đạo đơn vị so the kiosk is checked."},
    {REASON_EVIDENCE_SIGNATURE, "Ask the citizen to come back for a new application and read the "
                                "chip again; if it fails again, the chip is not valid: tell the "
                                "Lãnh đạo đơn vị and guide the citizen to renew the card."},
    {REASON_EVIDENCE_SOD_MISMATCH,
     "Ask the citizen to come back for a new application and read the chip again at the counter; "
     "tell the Lãnh đạo đơn vị so the kiosk and the card are checked."},
    {REASON_EVIDENCE_IDENTITY,
     "Ask the citizen to come back for a new application and read the chip again; do not edit data "
     "read from the chip by hand. Tell the Lãnh đạo đơn vị."},
    {REASON_EVIDENCE_AA, "Ask the citizen to come back for a new application and read the chip "
                         "again at the counter; if it fails again, the chip is not valid: tell the "
                         "Lãnh đạo đơn vị and guide the citizen to renew the card."},
    {REASON_EVIDENCE_VERDICT, "Tell the Lãnh đạo đơn vị so the kiosk is checked; ask the citizen "
                              "to come back for a new application."},
};

/* The reasons an approval records (kiosk/model/approval_reasons.h), as the approver picks
 * them and the opened application shows them. */
static const struct catalogue_row approval_reason[] = {
    {APPROVAL_EVIDENCE_INCONSISTENT, "Identity source and chip verdict contradict each other"},
    {APPROVAL_CHIP_FORGED, "The chip is not valid"},
    {APPROVAL_FORGED_EARLIER, "The citizen's chip was judged not valid in this session"},
    {APPROVAL_CHIP_GENUINE, "Chip valid (verified)"},
    {APPROVAL_NO_CSCA_FOR_STATE, "No CSCA of the issuing state installed"},
    {APPROVAL_CHIP_CANNOT_AUTHENTICATE, "The chip offers no chip authentication"},
    {APPROVAL_CHIP_UNVERIFIED, "The chip could not be verified"},
    {APPROVAL_CHIP_UNREADABLE, "The chip cannot be read"},
    {APPROVAL_CHIP_DAMAGED, "The chip is damaged"},
    {APPROVAL_CARD_WITHOUT_CHIP, "The card has no chip"},
    {APPROVAL_DATA_MISMATCH, "Chip data and the card's QR code disagree"},
    {APPROVAL_CARD_EXPIRED, "The card has expired"},
    {APPROVAL_UNDER_14, "The citizen is under 14"},
    {APPROVAL_CLOCK_IMPLAUSIBLE, "The kiosk's clock is wrong"},
    {APPROVAL_DISK_FULL, "The kiosk's disk is full"},
    {APPROVAL_DUPLICATE, "An earlier application exists"},
    {APPROVAL_NO_MOBILE_ANSWER_MISSING, "The citizen was not asked about a mobile phone"},
    {APPROVAL_NO_MOBILE_PHONE, "The citizen has no mobile phone"},
    {APPROVAL_PORTRAIT_OVERRIDE, "The portrait did not pass every check"},
    {APPROVAL_NO_FINGERPRINTS, "No fingerprint captured"},
    {APPROVAL_FEWER_FINGERPRINTS, "Fewer fingerprints than configured"},
    {APPROVAL_FACE_MATCH, "The portrait matches the chip's photo"},
    {APPROVAL_LEADER_COMPARED_IN_PERSON, "Person compared with the card in person"},
    {APPROVAL_APPEARANCE_CHANGED, "Appearance changed (age, hair, beard)"},
    {APPROVAL_CHIP_PHOTO_POOR, "Chip photo of poor quality"},
    {APPROVAL_FACE_CANNOT_BE_SHOWN, "Face cannot be photographed (injury, dressing)"},
    {APPROVAL_FACE_CHECK_UNAVAILABLE, "The kiosk could not compare the photos"},
};

/* The supervisor's reports and the mobile units' hand-over (kiosk/model/msg_export.h):
 * what was refused or failed, and what to do next. */
static const struct catalogue_row export_msg[] = {
    {EXPORT_M_USB_FULL,
     "The USB stick is full: no room to write %s. The unfinished report was not kept; delete some "
     "files on the stick or use another one, then export again."},
    {EXPORT_M_USB_NOT_A_FOLDER,
     "On the USB stick, “%s” is not a report folder (it may be a link, a stray file or a device). "
     "Nothing was written there; use another stick or delete that entry on another computer, then "
     "export again."},
    {EXPORT_M_USB_READ_ONLY, "The USB stick is read-only: %s could not be written. Slide its "
                             "write-protect switch off or use another stick, then export again."},
    {EXPORT_M_USB_WRITE,
     "Could not write %s to the USB stick (%s; it may have been pulled out). Plug the stick in "
     "again and export again; the unfinished copy is not confirmed."},
    {EXPORT_M_NO_TARGET, "No target folder, or the unit code is not valid; pick the USB stick and "
                         "check the unit code in the configuration."},
    {EXPORT_M_OPEN_FOLDER_USB, "Could not open the folder %s (USB stick not plugged in, or pulled "
                               "out?). Plug the stick in and export again."},
    {EXPORT_M_NO_SIGNER, "No Lãnh đạo đơn vị to sign the report."},
    {EXPORT_M_SIGNER_NAME, "The full name of the Lãnh đạo đơn vị “%s” is not known; add the full "
                           "name to that account, then export again."},
    {EXPORT_M_PREPARER, "No officer “%s” to prepare the report; check the officer's id."},
    {EXPORT_M_SITE, "The enrolment site's name is not valid (\"-\" is the station itself)."},
    {EXPORT_M_SINCE,
     "The start of the running total must be a YYYY-MM-DD date not after the report's period."},
    {EXPORT_M_AUDIT_WRITE, "Could not record this export in the audit trail (%s), so nothing was "
                           "exported. Try again; if it fails again, call the technician."},
    {EXPORT_M_AUDIT_READ, "Could not read the audit trail (%s)."},
    {EXPORT_M_STORE_READ,
     "Reading the applications from the store failed (%s); nothing was exported. Try again."},
    {EXPORT_M_TOTALS, "Counting the running total failed (%s)."},
    {EXPORT_M_NOMEM_RETRY, "Out of memory; try again."},
    {EXPORT_M_KEYRING_OPEN, "Could not read the key file %s; check the path."},
    {EXPORT_M_KEYRING_READ, "The key file %s is too large or cannot be read."},
    {EXPORT_M_KEYRING_LINE,
     "Key file %s, line %d: expected “<public key, 64 hex characters> <unit code> <kiosk id>”."},
    {EXPORT_M_NO_KEYS,
     "No key to check with; use this kiosk's key or the unit's key file (--keyring)."},
    {EXPORT_M_OPEN_FOLDER, "Could not open the folder %s; check the USB stick and the path."},
    {EXPORT_M_SIGNATURE_MISSING, "%s: missing or not a signature; the report was not finished or "
                                 "was modified. Export the report again."},
    {EXPORT_M_MANIFEST_MISSING,
     "%s: missing or not a regular file; the report was not finished. Export the report again."},
    {EXPORT_M_FILE_UNREADABLE, "%s is too large or cannot be read."},
    {EXPORT_M_BAD_SIGNATURE, "The report's signature matches no known key (this kiosk's or the "
                             "unit's key file): the report was modified or signed by an unknown "
                             "kiosk. Do not use it; export it again on the unit's kiosk."},
    {EXPORT_M_NOMEM, "Out of memory."},
    {EXPORT_M_MANIFEST_FORMAT, "%s is not in the kiosk's format."},
    {EXPORT_M_SIGNER_MISMATCH, "The report names unit %s, kiosk %s but was signed with the key of "
                               "unit %s, kiosk %s. Do not use this report."},
    {EXPORT_M_FILE_MISSING, "%s: the file is missing. Export the report again."},
    {EXPORT_M_FILE_NOT_REGULAR, "%s: not a regular file. Export the report again."},
    {EXPORT_M_AGE_DAY, "%ld day"},
    {EXPORT_M_AGE_DAYS, "%ld days"},
    {EXPORT_M_AGE_HOUR, "%ld hour"},
    {EXPORT_M_AGE_HOURS, "%ld hours"},
    {EXPORT_M_AGE_UNDER_HOUR, "under an hour"},
    {EXPORT_M_CANNOT_READ, "%s: cannot be read."},
    {EXPORT_M_FILE_MODIFIED, "%s was modified (it differs from the signed manifest). Do not use "
                             "this report; export it again."},
    {EXPORT_M_MERGE_NO_JSON, "%s: no JSON list to merge; export the report again on that kiosk."},
    {EXPORT_M_MERGE_UNREADABLE, "%s/%s: cannot be read."},
    {EXPORT_M_MERGE_FORMAT, "%s/%s: not in the list's format."},
    {EXPORT_M_MERGE_NO_STATUS, "%s/%s: row %zu has no status."},
    {EXPORT_M_MERGE_ROW_KIOSK,
     "%s: application %s names another kiosk than the report's; not merged."},
    {EXPORT_M_MERGE_COUNT, "Merging takes from 1 to %d reports."},
    {EXPORT_M_MERGE_UNVERIFIED, "Not merged: report %s could not be checked. %s"},
    {EXPORT_M_MERGE_ALREADY,
     "Not merged: %s is already a whole-station report; pick each kiosk's report."},
    {EXPORT_M_MERGE_OTHER_UNIT, "Not merged: %s is unit %s's, %s; the first report is unit %s's, "
                                "%s. Pick reports of one unit and one period."},
    {EXPORT_M_MERGE_TWICE,
     "Not merged: kiosk %s's report is there twice (%s and %s). Leave one out."},
    {EXPORT_M_MERGE_MISSING_KIOSK, "Not merged: kiosk %s's report is missing (%s). Export this "
                                   "period's report on that kiosk, then merge again."},
    {EXPORT_M_MERGE_ROW_TWICE,
     "Not merged: application %s is in the reports of kiosk %s and kiosk %s."},
    {EXPORT_M_MERGE_TOO_MANY, "Too many kiosks to merge at once."},
    {EXPORT_M_IDENT_CHARS,
     "The unit code or kiosk id in the configuration has characters a file name cannot take (only "
     "unaccented letters, digits, . _ -); correct the configuration."},
    {EXPORT_M_SIGNER_NO_NAME, "No full name of the Lãnh đạo đơn vị signing the report; sign in "
                              "with a Lãnh đạo đơn vị account that has a full name."},
};

static const struct catalogue_row export_part[] = {
    {EXPORT_P_UNIT_FOLDER, "the unit's folder"},
    {EXPORT_P_TEMP_FOLDER, "the temporary folder"},
    {EXPORT_P_REPORT, "the report"},
    {EXPORT_P_OLD_REPORT, "the old report"},
    {EXPORT_P_LIST, "the list"},
    {EXPORT_P_SIGNED_MANIFEST, "the signed manifest"},
    {EXPORT_P_FORM02, "the Mẫu số 02 workbook (.xlsx)"},
    {EXPORT_P_SUMMARY, "the summary"},
    {EXPORT_P_STATION_REPORT, "the whole-station report"},
    {EXPORT_P_BUNDLE, "the hand-over bundle"},
    {EXPORT_P_STATUS_FILE, "the status file"},
};

static const struct catalogue_row field_msg[] = {
    {FIELD_M_READ_WAITING, "Could not read the applications waiting to be sent (%s)."},
    {FIELD_M_NOMEM_ITEM, "Could not prepare an application for the hand-over (out of memory)."},
    {FIELD_M_IDENT, "The unit code or kiosk id in the configuration is not valid for a hand-over."},
    {FIELD_M_READ_QUEUE, "Could not read the queue of applications to send (%s)."},
    {FIELD_M_NOTHING, "No application is waiting to be sent: no hand-over needed."},
    {FIELD_M_AUDIT_BROKEN, "The kiosk's audit trail no longer matches its recorded anchor (%s); "
                           "tell the Lãnh đạo đơn vị and do not hand over."},
    {FIELD_M_NOT_RECORDED,
     "The hand-over bundle %s was written but could not be recorded on the kiosk (%s). The bundle "
     "can still be used; the applications still wait to be sent."},
    {FIELD_M_IS_A_REPORT,
     "%s is a report, not a hand-over bundle; pick the ban-giao_… folder on the USB stick."},
    {FIELD_M_OTHER_UNIT,
     "The hand-over bundle is unit %s's, not this unit's (%s): hand it in at unit %s."},
    {FIELD_M_USB_UNREADABLE,
     "Could not read the hand-over bundle on the USB stick (pulled out?). Plug the stick in again "
     "and import again: applications already sent are not sent twice."},
    {FIELD_M_MANIFEST_FORMAT, "The hand-over bundle's list is not in the right format; no "
                              "application was sent. Hand over again from the mobile kiosk."},
    {FIELD_M_ITEM_MODIFIED,
     "An application in the bundle differs from the signed list (was the stick changed after the "
     "check?); stopped after sending %ld applications. Hand over again from the mobile kiosk."},
    {FIELD_M_USB_PULLED, "The USB stick was pulled out midway: %ld applications sent. Plug it in "
                         "again and import again; applications already sent are not sent twice."},
    {FIELD_M_PARTLY_SENT,
     "The hand-over bundle was not all sent (%s); %ld applications sent. Import again when online; "
     "applications already sent are not sent twice."},
    {FIELD_M_REFUSED, "The upstream refused %ld applications of the bundle (%ld this time, %ld for "
                      "good); the others were sent. Tell the Lãnh đạo đơn vị."},
    {FIELD_M_STATUS_WRITE, "Could not write the status beside the bundle %s."},
    {FIELD_M_STATUS_RESULTS, "Could not read the sending results of bundle %s on this kiosk."},
    {FIELD_M_STATUS_UNKNOWN_SIGNER,
     "The status file is not signed by any kiosk in the unit's key list (%s): not applied."},
    {FIELD_M_STATUS_MODIFIED,
     "The status file was modified or is missing since it was signed (%s): not applied; import the "
     "bundle again at the station's kiosk to write the status again."},
    {FIELD_M_STATUS_READ, "Could not read the status file (%s)."},
    {FIELD_M_NOT_STATUS_FOLDER,
     "%s is not the status folder (trang-thai_…) of a hand-over bundle."},
    {FIELD_M_STATUS_OTHER_UNIT, "The status file is unit %s's, not this unit's (%s): not applied."},
    {FIELD_M_STATUS_USB_PULLED, "Could not read the status file on the USB stick (pulled out?)."},
    {FIELD_M_STATUS_USB_READ, "Could not read the status file on the USB stick."},
    {FIELD_M_STATUS_FORMAT, "The status file is not in the right format: not applied."},
    {FIELD_M_STATUS_OTHER_KIOSK, "This status file is for a bundle kiosk %s handed over, not this "
                                 "kiosk (%s): not applied. Use kiosk %s's own USB stick."},
    {FIELD_M_STATUS_SIGNER_MISMATCH,
     "The status file names another unit or kiosk than its signature: not applied."},
    {FIELD_M_STATUS_FORMAT_STOPPED,
     "The status file is not in the right format: applying stopped."},
    {FIELD_M_STATUS_STORE, "Could not write the statuses into the kiosk (%s); %ld applied. Try "
                           "again: statuses already applied are not applied twice."},
};

const struct catalogue_domain catalogue_en[MSGD_COUNT] = {
    [MSGD_CORE] = {core, sizeof core / sizeof core[0], "Unknown error. Call technical support."},
    [MSGD_TLV] = {tlv, sizeof tlv / sizeof tlv[0],
                  "The chip sent malformed data. Read the card again; if it persists, the card may "
                  "be damaged or forged: call a supervisor."},
    [MSGD_MRZ] = {mrz, sizeof mrz / sizeof mrz[0], "Internal error. Try again."},
    [MSGD_READER] = {reader, sizeof reader / sizeof reader[0], "Card reader error."},
    [MSGD_CARD] = {card, sizeof card / sizeof card[0], "Card reading error."},
    [MSGD_DG] = {dg, sizeof dg / sizeof dg[0], "Internal error reading the chip data. Try again."},
    [MSGD_SOD] =
        {sod, sizeof sod / sizeof sod[0],
         "The chip's security object is damaged or invalid: the card cannot be trusted. Read it "
         "again once; if it persists, treat the card as forged and call a supervisor."},
    [MSGD_PA] = {pa, sizeof pa / sizeof pa[0], "Internal error. Try again."},
    [MSGD_VERIFY_REASON] = {verify_reason, sizeof verify_reason / sizeof verify_reason[0],
                            "Unknown reason."},
    [MSGD_IDENTITY] = {identity, sizeof identity / sizeof identity[0],
                       "The personal data on the chip is malformed. Read the card again; if it "
                       "persists, use the QR code and call a supervisor."},
    [MSGD_CARD_FIELD] = {card_field, sizeof card_field / sizeof card_field[0], "Personal ID"},
    [MSGD_CARD_SOURCE] = {card_source, sizeof card_source / sizeof card_source[0], "chip (MRZ)"},
    [MSGD_FORMAT] = {format, sizeof format / sizeof format[0], ""},
    [MSGD_QR] = {qr, sizeof qr / sizeof qr[0], "Internal error. Try again."},
    [MSGD_CAMERA] = {camera, sizeof camera / sizeof camera[0], "Camera error: retry"},
    [MSGD_PORTRAIT] = {portrait, sizeof portrait / sizeof portrait[0], ""},
    [MSGD_FPR] = {fpr, sizeof fpr / sizeof fpr[0],
                  "The fingerprint reader failed. Restart it and try again."},
    [MSGD_FPR_STATE] = {fpr_state, sizeof fpr_state / sizeof fpr_state[0], ""},
    [MSGD_UI] = {labels_en_ui, sizeof labels_en_ui / sizeof labels_en_ui[0], ""},
    [MSGD_UI_AFTER] = {labels_en_ui_after, sizeof labels_en_ui_after / sizeof labels_en_ui_after[0],
                       ""},
    [MSGD_REASON] = {reason, sizeof reason / sizeof reason[0], "The application was rejected."},
    [MSGD_REASON_NEXT] = {reason_next, sizeof reason_next / sizeof reason_next[0],
                          "Call the citizen with the result and ask them to come back for a new "
                          "application; if the reason is unclear, ask the Lãnh đạo đơn vị."},
    [MSGD_APPROVAL_REASON] = {approval_reason, sizeof approval_reason / sizeof approval_reason[0],
                              ""},
    [MSGD_EXPORT] =
        {export_msg, sizeof export_msg / sizeof export_msg[0],
         "The report could not be exported. Try again; if it fails again, call the technician."},
    [MSGD_FIELD] =
        {field_msg, sizeof field_msg / sizeof field_msg[0],
         "The hand-over failed. Try again; if it fails again, tell the Lãnh đạo đơn vị."},
    [MSGD_CLI] = {labels_en_cli, sizeof labels_en_cli / sizeof labels_en_cli[0], ""},
    [MSGD_EXPORT_PART] = {export_part, sizeof export_part / sizeof export_part[0], ""},
    [MSGD_SITE_KIND] = {labels_en_site_kind, SITE_KIND_COUNT, ""},
    [MSGD_UI_REPORTS] = {labels_en_ui_reports, UI_RS_COUNT, ""},
};
