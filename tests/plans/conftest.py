"""Shared inputs for the plan tests: the sample web's program set (built in process, no crawl)."""

import pytest

from pipelines.transforms.plans import sample_program_set
from pipelines.transforms.profile import profile_from_dict


@pytest.fixture(scope="session")
def programs():
    return sample_program_set()


def persona(**fields):
    base = {"graduation_date": "2027-05-20"}
    return profile_from_dict({**base, **fields}, "test")


def make_personas():
    return {
        "derm222": persona(applicant_id="derm222", specialties=["080"], backup_specialties=["140"], img=False,
                           step1="fail_then_pass", failed_attempts=1, failed_exams=["step1"], step2ck=222,
                           step2ck_date="2026-05-01"),
        "ortho225": persona(applicant_id="ortho225", specialties=["260"], backup_specialties=["440", "140"], img=False,
                            step2ck=225, step2ck_date="2026-05-01"),
        "usmd_im": persona(applicant_id="usmd_im", specialties=["140"], img=False, step2ck=240, step2ck_date="2026-05-01"),
        "img_h1b": persona(applicant_id="img_h1b", specialties=["140"], img=True, visa="h1b", step2ck=240,
                           step2ck_date="2025-05-01", graduation_date="2024-06-30", ecfmg_certified=True,
                           usce_months=4, usce_kind="hands_on"),
        "west_fm": persona(applicant_id="west_fm", specialties=["120"], img=False, step2ck=236, step2ck_date="2026-05-01",
                           preferences={"regions": ["west"], "settings": ["community"]}, max_applications=30),
    }


@pytest.fixture(scope="session")
def personas():
    return make_personas()
