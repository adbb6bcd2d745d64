from django.urls import path, re_path

from tillit.events.views import cases, config, ivo, purchaser, routines

app_name = "events"
urlpatterns = [
    path("", cases.event_list_view, name="event_list"),
    path("rapportera/", cases.report, name="report"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", cases.export, name="export"),
    path("mina-uppgifter/", cases.tasks, name="my_tasks"),
    path("installningar/", config.settings_page, name="settings"),
    path("installningar/kategori/", config.category_add, name="category_add"),
    path("installningar/kategori/<int:pk>/", config.category_change, name="category_change"),
    path("installningar/frist/<slug:kind>/<slug:code>/", config.deadline_change, name="deadline_change"),
    path("installningar/liknande-handelser/", config.recurrence_window_change, name="recurrence_window_change"),
    path("<int:pk>/patientinformation/", config.patient_information, name="patient_information"),
    path("<int:pk>/", cases.event_detail, name="event_detail"),
    path("<int:pk>/anteckning/", cases.entry_add, name="entry_add"),
    path("<int:pk>/status/<slug:code>/", cases.transition, name="transition"),
    path("<int:pk>/allvarlig/", cases.mark_severe, name="mark_severe"),
    path("<int:pk>/klassificering/", cases.classify, name="classify"),
    path("<int:pk>/orsaker/", cases.causes, name="causes"),
    path("<int:pk>/rutiner/", routines.cited_routines, name="cited_routines"),
    path("<int:pk>/kanal/", cases.channel, name="channel"),
    path("<int:pk>/bilagor/", cases.attachment_upload, name="attachment_upload"),
    path("<int:pk>/bilagor/<int:attachment_pk>/", cases.attachment_download, name="attachment_download"),
    path("<int:pk>/meddelande/", cases.message_add, name="message_add"),
    path("<int:pk>/ivo/", ivo.ivo, name="ivo"),
    path("<int:pk>/lamna-in/", purchaser.submit, name="purchaser_submit"),
    path("bestallare/", purchaser.overview, name="purchaser"),
    path("bestallare/utredning/<int:pk>/", purchaser.submission_detail, name="purchaser_submission"),
    path("<int:pk>/ivo/<int:submission_pk>/pdf/", ivo.ivo_pdf, name="ivo_pdf"),
    path("<int:pk>/ivo/<int:submission_pk>/skickad/", ivo.ivo_sent, name="ivo_sent"),
    path("<int:pk>/ivo/komplettering/", ivo.ivo_komplettering, name="ivo_komplettering"),
]
