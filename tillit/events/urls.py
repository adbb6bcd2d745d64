from django.urls import path, re_path

from tillit.events import config_views, ivo_views, views

app_name = "events"
urlpatterns = [
    path("", views.event_list_view, name="event_list"),
    path("rapportera/", views.report, name="report"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", views.export, name="export"),
    path("mina-uppgifter/", views.tasks, name="my_tasks"),
    path("installningar/", config_views.settings_page, name="settings"),
    path("installningar/kategori/", config_views.category_add, name="category_add"),
    path("installningar/kategori/<int:pk>/", config_views.category_change, name="category_change"),
    path("installningar/frist/<slug:kind>/<slug:code>/", config_views.deadline_change, name="deadline_change"),
    path("<int:pk>/patientinformation/", config_views.patient_information, name="patient_information"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/anteckning/", views.entry_add, name="entry_add"),
    path("<int:pk>/status/<slug:code>/", views.transition, name="transition"),
    path("<int:pk>/allvarlig/", views.mark_severe, name="mark_severe"),
    path("<int:pk>/klassificering/", views.classify, name="classify"),
    path("<int:pk>/orsaker/", views.causes, name="causes"),
    path("<int:pk>/bilagor/", views.attachment_upload, name="attachment_upload"),
    path("<int:pk>/bilagor/<int:attachment_pk>/", views.attachment_download, name="attachment_download"),
    path("<int:pk>/meddelande/", views.message_add, name="message_add"),
    path("<int:pk>/ivo/", ivo_views.ivo, name="ivo"),
    path("<int:pk>/ivo/<int:submission_pk>/pdf/", ivo_views.ivo_pdf, name="ivo_pdf"),
    path("<int:pk>/ivo/<int:submission_pk>/skickad/", ivo_views.ivo_sent, name="ivo_sent"),
    path("<int:pk>/ivo/komplettering/", ivo_views.ivo_komplettering, name="ivo_komplettering"),
]
