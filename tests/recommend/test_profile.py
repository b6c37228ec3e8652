"""Applicant profiles are refused with one line naming file, field and reason; old examples stay valid."""

from pathlib import Path

import pytest

from pipelines.transforms.profile import ProfileError, load_profile, load_profiles, step2ck_pass_mark

REPO = Path(__file__).resolve().parents[2]
BASE = "applicant_id: x\nspecialties: ['140']\nimg: true\ngraduation_year: 2020\n"


def refusal(tmp_path, text: str | bytes, name: str = "p.yaml") -> str:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(ProfileError) as err:
        load_profile(path) if name.endswith(".yaml") else load_profiles(path)
    message = str(err.value)
    assert "\n" not in message and message.startswith(str(path))
    return message


@pytest.mark.parametrize("path", sorted((REPO / "examples").glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_profile_is_valid(path):
    assert load_profile(path).applicant_id == path.stem


def test_step2ck_below_the_pass_mark_of_its_date_is_refused_naming_it(tmp_path):
    assert "pass mark 214" in refusal(tmp_path, BASE + "step2ck: 212\nstep2ck_date: 2023-01-10\n")
    assert "pass mark 209" in refusal(tmp_path, BASE + "step2ck: 205\nstep2ck_date: 2021-01-10\n")
    # 211 passed before July 2022 (pass mark 209) and is accepted
    path = tmp_path / "ok.yaml"
    path.write_text(BASE + "step2ck: 211\nstep2ck_date: 2022-06-30\n")
    assert load_profile(path).step2ck == 211
    assert step2ck_pass_mark(None)[0] == 214


@pytest.mark.parametrize("extra, field", [
    ("specialties: ['141']\n", "specialties"),
    ("backup_specialties: ['999', '123']\n", "backup_specialties"),
    ("states: [NY, XX]\n", "states"),
    ("preferences: {states: [QQ]}\n", "preferences.states"),
    ("preferences: {colour: blue}\n", "preferences.colour"),
    ("hobby: chess\n", "hobby"),
    ("visa: tourist\n", "visa"),
    ("step3: maybe\n", "step3"),
])
def test_bad_fields_are_named(tmp_path, extra, field):
    text = BASE.replace("specialties: ['140']\n", "") + ("" if extra.startswith("specialties") else "specialties: ['140']\n") + extra
    assert f": {field}: " in refusal(tmp_path, text)


def test_binary_and_latin1_files_are_one_line_errors(tmp_path):
    assert "binary" in refusal(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00")
    assert "not UTF-8" in refusal(tmp_path, BASE.encode() + "description: caf\xe9\n".encode("latin-1"))


def test_jsonl_profiles_name_the_line(tmp_path):
    good = '{"applicant_id": "a", "specialties": ["140"], "img": false, "graduation_date": "2027-05-01"}'
    bad = '{"applicant_id": "b", "specialties": ["140"], "img": false}'
    path = tmp_path / "many.jsonl"
    path.write_text(good + "\n\n" + good.replace('"a"', '"c"') + "\n")
    assert [p.applicant_id for p in load_profiles(path)] == ["a", "c"]
    message = refusal(tmp_path, good + "\n" + bad + "\n", name="bad.jsonl")
    assert ":2: " in message and "graduation" in message
