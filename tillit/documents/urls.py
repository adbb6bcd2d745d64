from django.urls import path

from tillit.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("nytt/", views.document_create_view, name="document_create"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/andra/", views.document_edit, name="document_edit"),
    path("<int:pk>/ny-version/", views.version_new, name="version_new"),
    path("version/<int:pk>/fil/", views.version_file, name="version_file"),
    path("version/<int:pk>/utkast/", views.version_edit, name="version_edit"),
    path("version/<int:pk>/status/", views.version_step, name="version_step"),
    path("version/<int:pk>/lasekvittens/", views.receipts_request, name="receipts_request"),
    path("kvittens/<int:pk>/", views.receipt_confirm, name="receipt_confirm"),
    path("enhet/<int:pk>/", views.unit_documents, name="unit_documents"),
    path("processer/", views.process_map, name="process_map"),
    path("gap/svar/<int:pk>/", views.gap_answer, name="gap_answer"),
    path("processer/ny/", views.process_create_view, name="process_create"),
    path("processer/<int:pk>/", views.process_detail, name="process_detail"),
    path("processer/<int:pk>/andra/", views.process_edit, name="process_edit"),
    path("processer/<int:pk>/aktivitet/", views.activity_add_view, name="activity_add"),
    path("processer/<int:pk>/aktivitet/<int:activity_pk>/", views.activity_edit, name="activity_edit"),
    path("processer/<int:pk>/aktivitet/<int:activity_pk>/flytta/", views.activity_move_view, name="activity_move"),
    path("processer/<int:pk>/aktivitet/<int:activity_pk>/ta-bort/", views.activity_remove_view, name="activity_remove"),
]
