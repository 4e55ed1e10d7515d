"""Evidence files: the wording of a refusal, and a long name that keeps its extension."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans import services

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_file_without_an_extension_is_refused_in_words_that_say_why(action, lead):
    with pytest.raises(ValidationError) as error:
        services.progress_update_record(action=action, author=lead, status="green",
                                        evidence_file=SimpleUploadedFile("minutes", PDF))
    message = " ".join(error.value.messages)
    assert "The file “minutes” has no extension: name it with the extension of its type (such as .pdf)" in message
    assert "file of that" not in message
    assert action.updates.count() == 0


def test_a_mismatched_extension_names_it_with_the_right_article(action, lead):
    with pytest.raises(ValidationError) as error:
        services.progress_update_record(action=action, author=lead, status="green",
                                        evidence_file=SimpleUploadedFile("minutes.odt", PDF))
    assert "its content is not an .odt file" not in str(error.value)  # ".odt" is read "dot o d t"
    assert "its content is not a .odt file." in str(error.value)


def test_an_evidence_name_over_200_characters_keeps_its_extension(client_for, action, lead, org, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    name = "Equality board minutes and the workforce race equality action plan " * 4 + ".pdf"
    assert len(name) > 200
    update = services.progress_update_record(action=action, author=lead, status="green",
                                             evidence_file=SimpleUploadedFile(name, PDF))
    assert len(update.evidence_name) <= 200 and update.evidence_name.endswith(".pdf")
    assert update.evidence_name.startswith("Equality board minutes")
    response = client_for(lead).get(reverse("plans:evidence", args=[org.slug, update.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.pdf"')
